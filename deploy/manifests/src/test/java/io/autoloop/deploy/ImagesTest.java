package io.autoloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.deploy.ServiceModules.Service;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each service's Dockerfile.jvm is the Quarkus JVM layout on a UBI OpenJDK 17 runtime, runs as a user other than
 * root, exposes the module's {@code quarkus.http.port} and checks its readiness there; the simulator's image runs the
 * jar its module builds.
 */
class ImagesTest {

    private static final String BASE_IMAGE = "FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:";

    @Test
    void eachServiceImageRunsItsQuarkusAppAsANonRootUserOnItsPort() {
        // given the services the code defines
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Service service : ServiceModules.services()) {
            expected.put(
                    service.module(),
                    "ubi9 openjdk-17-runtime, user 185, quarkus-run.jar, EXPOSE " + service.port()
                            + ", ready at http://127.0.0.1:" + service.port() + "/q/health/ready");

            // when its Dockerfile is read
            List<String> lines =
                    lines(ServiceModules.root().resolve(service.module()).resolve(ServiceModules.DOCKERFILE));
            actual.put(
                    service.module(),
                    (lines.stream().anyMatch(line -> line.startsWith(BASE_IMAGE))
                                    ? "ubi9 openjdk-17-runtime"
                                    : "another base")
                            + ", user " + instruction(lines, "USER")
                            + (lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"")
                                    ? ", quarkus-run.jar"
                                    : ", another jar")
                            + ", EXPOSE " + instruction(lines, "EXPOSE")
                            + ", ready at " + healthCheckUrl(lines));
        }

        // then each runs the module's app as user 185, on the module's port
        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void theSimulatorImageRunsTheJarItsModuleBuilds() {
        // given the runnable jar the simulator's pom builds
        Path module = ServiceModules.root().resolve("deploy/simulator");
        Matcher jar = Pattern.compile("<outputFile>\\$\\{project.build.directory}/([^<]+)</outputFile>")
                .matcher(ServiceModules.read(module.resolve("pom.xml")));
        assertThat(jar.find()).isTrue();

        // when its Dockerfile is read
        List<String> lines = lines(module.resolve(ServiceModules.DOCKERFILE));

        // then it copies and runs that jar, as user 185
        assertThat(lines)
                .anyMatch(line -> line.startsWith(BASE_IMAGE))
                .contains("COPY --chown=185 target/" + jar.group(1) + " /deployments/")
                .contains("ENV JAVA_APP_JAR=\"/deployments/" + jar.group(1) + "\"")
                .contains("USER 185");
    }

    private static List<String> lines(Path dockerfile) {
        assertThat(dockerfile).isRegularFile();
        return ServiceModules.read(dockerfile).lines().map(String::strip).toList();
    }

    private static String instruction(List<String> lines, String name) {
        return lines.stream()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.substring(name.length() + 1))
                .reduce((first, second) -> first + " and " + second)
                .orElse("none");
    }

    private static String healthCheckUrl(List<String> lines) {
        Matcher url = Pattern.compile("CMD curl -fsS -o /dev/null (\\S+) \\|\\| exit 1")
                .matcher(String.join("\n", lines));
        return url.find() ? url.group(1) : "no HEALTHCHECK";
    }
}
