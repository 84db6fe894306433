package io.autoloop.retrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.TestConfig;
import io.autoloop.retrainer.domain.GatePolicy;
import io.autoloop.retrainer.domain.TrainerSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerSettingsProducerTest {

    private final TrainerSettingsProducer producer = new TrainerSettingsProducer();

    @Test
    void theDefaultsTrainA22BitUserItemModelJudgedOn5000Samples() {
        // Given
        RetrainerConfig config = TestConfig.of(Map.of());

        // When
        TrainerSettings settings = producer.settings(config);

        // Then
        assertThat(settings)
                .isEqualTo(new TrainerSettings(
                        new FeatureSpec(22, 0, List.of(new Cross("user", "item"))),
                        new FtrlParameters(0.1, 1.0, 0.0, 0.0),
                        5000,
                        new GatePolicy(0.002, 1e-6, 1000)));
    }

    @Test
    void everyConfiguredValueReachesTheSettings() {
        // Given
        RetrainerConfig config = TestConfig.of(Map.ofEntries(
                Map.entry("retrainer.features.bits", "18"),
                Map.entry("retrainer.features.hash-seed", "7"),
                Map.entry("retrainer.features.crosses", "user*item, context * item"),
                Map.entry("retrainer.ftrl.alpha", "0.5"),
                Map.entry("retrainer.ftrl.beta", "2"),
                Map.entry("retrainer.ftrl.l1", "0.01"),
                Map.entry("retrainer.ftrl.l2", "0.02"),
                Map.entry("retrainer.gate.holdout-samples", "400"),
                Map.entry("retrainer.gate.min-holdout-samples", "200"),
                Map.entry("retrainer.gate.margin", "-0.01"),
                Map.entry("retrainer.gate.min-prediction-spread", "0.001")));

        // When
        TrainerSettings settings = producer.settings(config);

        // Then
        assertThat(settings)
                .isEqualTo(new TrainerSettings(
                        new FeatureSpec(18, 7, List.of(new Cross("user", "item"), new Cross("context", "item"))),
                        new FtrlParameters(0.5, 2.0, 0.01, 0.02),
                        400,
                        new GatePolicy(-0.01, 0.001, 200)));
    }

    @Test
    void noneMeansNoCross() {
        TrainerSettings settings = producer.settings(TestConfig.of(Map.of("retrainer.features.crosses", "none")));

        assertThat(settings.spec().crosses()).isEmpty();
    }

    @Test
    void aCrossThatIsNotLeftTimesRightStopsTheStartWithTheSettingNamed() {
        RetrainerConfig config = TestConfig.of(Map.of("retrainer.features.crosses", "user*item*context"));

        assertThatThrownBy(() -> producer.settings(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retrainer.features.crosses has 'user*item*context'; write each cross as left*right"
                        + " (e.g. user*item), or none.");
    }

    @Test
    void aHoldoutWindowSmallerThanTheGateMinimumStopsTheStart() {
        RetrainerConfig config = TestConfig.of(
                Map.of("retrainer.gate.holdout-samples", "500", "retrainer.gate.min-holdout-samples", "1000"));

        assertThatThrownBy(() -> producer.settings(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retrainer.gate.holdout-samples")
                .hasMessageContaining("retrainer.gate.min-holdout-samples");
    }
}
