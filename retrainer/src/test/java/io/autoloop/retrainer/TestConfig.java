package io.autoloop.retrainer;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link RetrainerConfig} outside Quarkus, as SmallRye Config maps it (durations like {@code 5s} read by Quarkus's
 * converter): the mapping's defaults, a bootstrap server (the one setting without a default) and the given
 * {@code retrainer.*} properties.
 */
public final class TestConfig {

    private TestConfig() {}

    /** The configuration with {@code properties} (full keys, e.g. {@code retrainer.features.bits}) over the defaults. */
    public static RetrainerConfig of(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of("retrainer.kafka.bootstrap-servers", "127.0.0.1:9092"));
        all.putAll(properties);
        return new SmallRyeConfigBuilder()
                .withMapping(RetrainerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .build()
                .getConfigMapping(RetrainerConfig.class);
    }
}
