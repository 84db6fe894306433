package io.autoloop.retrainer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Topics;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The samples topic the retrainer reads by default, in {@link RetrainerConfig} and in its application.properties, is
 * {@link Topics#TRAINING_SAMPLES}; the topics it writes come from {@link Topics} directly.
 */
class TopicDefaultsTest {

    @Test
    void theSamplesTopicDefaultsToTheContractsTrainingSamples() throws NoSuchMethodException {
        WithDefault fallback = RetrainerConfig.class.getMethod("samplesTopic").getAnnotation(WithDefault.class);

        assertThat(fallback.value()).isEqualTo(Topics.TRAINING_SAMPLES.name());
    }

    @Test
    void applicationPropertiesSetTheSamplesTopicToTheContractsTrainingSamples() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }

        assertThat(properties.getProperty("retrainer.samples-topic")).isEqualTo(Topics.TRAINING_SAMPLES.name());
    }
}
