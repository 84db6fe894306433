package io.autoloop.analyzer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.analyzer.config.AnalyzerSettings.Limits;
import io.autoloop.analyzer.domain.DecisionLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The analyzer's limits: checked when built, and tied to the producer's record limit in application.properties. */
class LimitsTest {

    @Test
    void aStateLimitThatLeavesNoRoomForTheKeyIsRefusedWithASentence() {
        assertThatThrownBy(() -> new Limits(DecisionLimits.standard(), 1024 * 1024, 1024 * 1024))
                .hasMessage(
                        "'analyzer.limits.state-bytes' must be between 1 and 1032192 ('analyzer.limits.record-bytes'"
                                + " less 16384 for the key and headers), but it is 1048576.");
        assertThatThrownBy(() -> new Limits(DecisionLimits.standard(), 1, 16 * 1024))
                .hasMessageStartingWith("'analyzer.limits.record-bytes' must be more than 16384");
        assertThatThrownBy(() -> new DecisionLimits(0, 128))
                .hasMessage("'analyzer.limits.waiting-events' must be 1 or more, but it is 0.");
    }

    @Test
    void theDefaultsKeepAStateAtHalfTheRecordLimit() {
        Limits defaults = Limits.defaults();

        assertThat(defaults.recordBytes()).isEqualTo(1024 * 1024);
        assertThat(defaults.stateBytes()).isEqualTo(defaults.recordBytes() / 2);
        assertThat(defaults.valueBytes()).isEqualTo(defaults.recordBytes() - Limits.KEY_AND_HEADERS);
    }

    @Test
    void theRecordLimitIsTheProducersMaxRequestSize() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }

        assertThat(properties.getProperty("analyzer.limits.record-bytes"))
                .isEqualTo("${kafka-streams.producer.max.request.size}");
        assertThat(Integer.parseInt(properties.getProperty("kafka-streams.producer.max.request.size")))
                .isEqualTo(Limits.defaults().recordBytes());
    }
}
