package io.autoloop.collector.config;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Topics;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The collector's default topics ({@code collector.topics.*}) are the names defined in {@link Topics}. */
class TopicDefaultsTest {

    @Test
    void everyDefaultTopicIsTheContractsName() {
        Map<String, String> defaults = Arrays.stream(CollectorConfig.TopicNames.class.getMethods())
                .collect(toMap(Method::getName, TopicDefaultsTest::defaultOf));

        assertThat(defaults)
                .isEqualTo(Map.of(
                        "events", Topics.FEEDBACK_EVENTS.name(),
                        "rejected", Topics.FEEDBACK_REJECTED.name()));
    }

    private static String defaultOf(Method setting) {
        WithDefault fallback = setting.getAnnotation(WithDefault.class);
        return fallback == null ? "(no default)" : fallback.value();
    }
}
