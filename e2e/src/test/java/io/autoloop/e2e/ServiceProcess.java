package io.autoloop.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process started from a jar of this build, e.g. a packaged service ({@code <module>/target/quarkus-app/
 * quarkus-run.jar}) with its settings as system properties, which take precedence over its application.properties.
 * Its output goes to {@code <logs>/<name>.log}; {@link #close()} sends SIGTERM, then SIGKILL after 30 s, and
 * {@link #kill()} SIGKILL at once.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Process process;
    private final Path log;
    private final URI uri;

    private ServiceProcess(String name, Process process, Path log, URI uri) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.uri = uri;
    }

    /**
     * Starts {@code java -D<key>=<value>... -jar <jar> <args>}.
     *
     * @param port the HTTP port it serves, 0 for none
     */
    static ServiceProcess start(
            String name, Path jar, int port, Map<String, String> settings, List<String> args, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the project first (./mvnw -B package -DskipTests).");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heaps: four services, Kafka, Redis and the build share two cores and the memory of this machine.
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return new ServiceProcess(name, process, log, port == 0 ? null : URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    /** The base URL of its HTTP API. */
    URI uri() {
        if (uri == null) {
            throw new IllegalStateException(name + " serves no HTTP API.");
        }
        return uri;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200, failing with the end of its log when it exits or times out. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(uri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " was not ready on " + uri + " within " + timeout + ":\n" + logTail());
            }
            Thread.sleep(250);
        }
    }

    /** The last 40 lines of its log. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGKILL and waits for the exit: the process ends at once, without running its shutdown hooks. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not exit within 30 s of SIGKILL.");
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
