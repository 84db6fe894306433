package io.autoloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on a stand-in service ({@link ProbeService}) packaged like a module's Quarkus app, at
 * {@code <module>/target/quarkus-app/quarkus-run.jar}.
 */
class ServiceProcessTest {

    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    Path module;

    private Path jar;

    @BeforeEach
    void packageTheProbe() throws IOException {
        jar = module.resolve("probe").resolve(ServiceProcess.QUARKUS_RUN_JAR);
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ProbeService.class.getName());
        String entry = ProbeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile = ProbeService.class.getResourceAsStream("/" + entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }

    @Test
    void aPackagedServiceRunsWithItsSettingsOnAFreePortAndStopsGracefullyOnSigterm() {
        // Given a service that answers 503 on readiness for its first second
        Path log = module.resolve("logs/probe.log");
        try (ServiceProcess service = ServiceProcess.quarkus(jar)
                .property("probe.greeting", "hello")
                .property("probe.ready-after", "1000")
                .env("PROBE_ENV", "from-the-test")
                .args(List.of("--flag", "value"))
                .log(log)
                .start()) {

            // When it is ready and then stopped with SIGTERM
            service.awaitReady(READY);
            service.assertAlive();
            service.stop();

            // Then it was named after its module, served on the port it was given, and ran its shutdown hooks
            assertThat(service.name()).isEqualTo("probe");
            assertThat(service.uri().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(service.uri().getPort()).isPositive();
            assertThat(service.log()).isEqualTo(log.toAbsolutePath());
            assertThat(service.isAlive()).isFalse();
            assertThat(service.exitCode()).isEqualTo(143);
            assertThat(service.logTail())
                    .contains("greeting=hello", "env=from-the-test", "args=[--flag, value]", "shutdown hook ran");
        }
    }

    @Test
    void killEndsTheServiceAtOnceWithoutItsShutdownHooks() {
        // Given a ready service
        try (ServiceProcess service =
                ServiceProcess.quarkus(jar).log(module.resolve("kill.log")).start()) {
            service.awaitReady(READY);

            // When it is killed
            service.kill();

            // Then it ended by SIGKILL, and nothing of it ran after the signal
            assertThat(service.exitCode()).isEqualTo(137);
            assertThat(service.logTail()).contains("started").doesNotContain("shutdown hook ran");
        }
    }

    @Test
    void waitingForReadinessFailsWithTheExitCodeAndTheLogWhenTheServiceExitsFirst() {
        // Given a service that exits at once with 3
        try (ServiceProcess service = ServiceProcess.quarkus(jar)
                .property("probe.exit", "3")
                .log(module.resolve("exit.log"))
                .start()) {

            // When a test waits for it to be ready, then it fails and says why
            assertThatThrownBy(() -> service.awaitReady(READY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("probe exited with 3 before it was ready")
                    .hasMessageContaining("exiting with 3");
            assertThat(service.exitCode()).isEqualTo(3);
        }
    }

    @Test
    void aMainClassOfThisClasspathRunsWithoutHttpAndReportsItsExitCode() {
        // Given a main class of the test classpath that exits with 7
        try (ServiceProcess program = ServiceProcess.mainClass(ProbeService.class)
                .name("probe-main")
                .property("probe.exit", "7")
                .log(module.resolve("main.log"))
                .start()) {

            // When it has ended by itself
            int exitCode = program.awaitExit(READY);

            // Then its exit code and the end of its log tell how, and it has no HTTP API
            assertThat(exitCode).isEqualTo(7);
            assertThat(program.exitCode()).isEqualTo(7);
            assertThatThrownBy(program::assertAlive).hasMessageContaining("probe-main exited with 7");
            assertThatThrownBy(program::uri).hasMessageContaining("probe-main serves no HTTP");
        }
    }

    @Test
    void aMissingJarIsRefusedWithWhatToDo() {
        Path missing = module.resolve("unpackaged").resolve(ServiceProcess.QUARKUS_RUN_JAR);

        assertThatThrownBy(() -> ServiceProcess.quarkus(missing).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing + " is missing: package the module first");
    }

    @Test
    void theHttpPortIsTheLaunchersToChoose() {
        assertThatThrownBy(() -> ServiceProcess.quarkus(jar)
                        .property("quarkus.http.port", "8080")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "probe is given quarkus.http.port, but the launcher chooses a free port: read it from uri().");
    }

    @Test
    void aRunningProcessHasNoExitCodeYet() {
        try (ServiceProcess service =
                ServiceProcess.quarkus(jar).log(module.resolve("running.log")).start()) {
            assertThatThrownBy(service::exitCode).hasMessage("probe is still running: it has no exit code yet.");
        }
    }
}
