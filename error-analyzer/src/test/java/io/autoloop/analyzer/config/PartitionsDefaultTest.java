package io.autoloop.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Topics;
import io.autoloop.testing.StackTopics;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code analyzer.partitions} must be the partition count of {@code serving.decisions} and {@code feedback.events}
 * (decisions meet their feedback by partition number): its default is checked against the stack's topics.txt.
 */
class PartitionsDefaultTest {

    @Test
    void decisionsAndFeedbackShareOnePartitionCountInTheStack() {
        assertThat(StackTopics.partitions(Topics.FEEDBACK_EVENTS))
                .isEqualTo(StackTopics.partitions(Topics.SERVING_DECISIONS));
    }

    @Test
    void thePartitionsDefaultIsTheStacksDecisionPartitions() throws NoSuchMethodException {
        WithDefault fallback = AnalyzerConfig.class.getMethod("partitions").getAnnotation(WithDefault.class);

        assertThat(Integer.parseInt(fallback.value())).isEqualTo(StackTopics.partitions(Topics.SERVING_DECISIONS));
        assertThat(AnalyzerSettings.defaults().partitions())
                .isEqualTo(StackTopics.partitions(Topics.SERVING_DECISIONS));
    }

    @Test
    void applicationPropertiesDoNotSetAnotherCount() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }

        assertThat(properties.stringPropertyNames())
                .filteredOn(name -> name.endsWith("analyzer.partitions"))
                .allSatisfy(name -> assertThat(Integer.parseInt(properties.getProperty(name)))
                        .isEqualTo(StackTopics.partitions(Topics.SERVING_DECISIONS)));
    }
}
