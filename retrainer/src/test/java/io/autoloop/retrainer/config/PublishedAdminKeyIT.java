package io.autoloop.retrainer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.retrainer.PackagedRetrainer;
import io.autoloop.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged retrainer in the prod profile refuses to start with the hash of the published admin key. */
class PublishedAdminKeyIT {

    @Test
    void theProdProfileRefusesToStartWithTheDevelopmentAdminKey(@TempDir Path logs) throws IOException {
        // Given the packaged retrainer in the prod profile with the hash of the development admin key
        String model = "published-admin-key-" + UUID.randomUUID();
        Map<String, String> published = Map.of("retrainer.admin-key-hash", ApiKeys.hashOf("autoloop-dev-admin-key"));
        try (ServiceProcess retrainer =
                PackagedRetrainer.start(model, "samples-" + model, published, logs.resolve("retrainer.log"))) {

            // When it starts, then it exits with the sentence that names the property
            assertThat(retrainer.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(Files.readString(retrainer.log()))
                    .contains("retrainer.admin-key-hash is the hash of the key 'autoloop-dev-admin-key' published"
                            + " with Autoloop's source");
        }
    }
}
