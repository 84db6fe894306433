package io.autoloop.router.messaging;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every channel of the router's application.properties reads or writes the topic of its record in {@link Topics}. */
class ChannelTopicsTest {

    @Test
    void everyChannelUsesTheContractsTopicName() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }

        Map<String, String> topics = properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.") && key.endsWith(".topic"))
                .collect(toMap(Function.identity(), properties::getProperty));

        assertThat(topics)
                .isEqualTo(Map.of(
                        "mp.messaging.outgoing.decisions.topic", Topics.SERVING_DECISIONS.name(),
                        "mp.messaging.outgoing.audit.topic", Topics.AUDIT_LOG.name(),
                        "mp.messaging.incoming.model-versions.topic", Topics.MODEL_VERSIONS.name(),
                        "mp.messaging.incoming.candidates.topic", Topics.MODEL_VERSIONS.name(),
                        "mp.messaging.incoming.arm-stats.topic", Topics.EXPERIMENT_ARM_STATS.name(),
                        "mp.messaging.incoming.reports.topic", Topics.ANALYSIS_REPORTS.name()));
    }
}
