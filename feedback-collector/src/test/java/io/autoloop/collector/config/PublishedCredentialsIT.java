package io.autoloop.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged collector ({@code target/quarkus-app/quarkus-run.jar}, path in the system property
 * {@code collector.jar}) in the prod profile, configured with a credential published with the source: it exits at
 * startup with a sentence naming the property.
 */
class PublishedCredentialsIT {

    private static final String OWN_SECRET = "the operator's own pseudonymization secret";
    private static final String OWN_KEY_HASH = ApiKeys.hashOf("the operator's own key of app shop");

    static Stream<Arguments> publishedCredentials() {
        return Stream.of(
                Arguments.of(
                        "the development secret",
                        Map.of(
                                "collector.pseudonymization-secret",
                                "autoloop-dev-pseudonymization-secret",
                                "collector.api-keys.shop",
                                OWN_KEY_HASH),
                        "collector.pseudonymization-secret is the development secret published with Autoloop's source"),
                Arguments.of(
                        "the development app key",
                        Map.of(
                                "collector.pseudonymization-secret",
                                OWN_SECRET,
                                "collector.api-keys.demo",
                                ApiKeys.hashOf("autoloop-dev-key")),
                        "collector.api-keys.\"demo\" is the hash of the key 'autoloop-dev-key'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedCredentials")
    void theProdProfileRefusesToStartWith(
            String credential, Map<String, String> settings, String sentence, @TempDir Path logs) throws IOException {
        // Given the packaged collector in the prod profile (its default) with one published credential
        try (ServiceProcess collector = ServiceProcess.quarkus(jar())
                .log(logs.resolve("collector.log"))
                .property("quarkus.log.console.json.enabled", "false")
                .properties(settings)
                .start()) {

            // When it starts, then it exits with the sentence that names the property
            assertThat(collector.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(Files.readString(collector.log())).contains(sentence);
        }
    }

    private static Path jar() {
        String jar = System.getProperty("collector.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("The packaged collector is missing at '" + jar
                    + "'; run the tests through Maven (./mvnw -pl feedback-collector verify) so `package` builds it.");
        }
        return Path.of(jar);
    }
}
