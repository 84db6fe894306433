package io.autoloop.retrainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.LogRange;
import io.autoloop.learner.search.SearchSettings;
import io.autoloop.learner.search.SearchSpace;
import io.autoloop.retrainer.TestConfig;
import io.autoloop.retrainer.domain.GatePolicy;
import io.autoloop.retrainer.domain.SearchPlan;
import io.autoloop.retrainer.domain.TrainerSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void theSearchIsOffByDefaultWithFourShadowsSearchingAlphaLambdasAndTheCrossesOfThreeNamespaces() {
        // Given
        RetrainerConfig config = TestConfig.of(Map.of("retrainer.features.bits", "18"));

        // When
        SearchPlan plan = producer.searchPlan(config);

        // Then
        assertThat(plan)
                .isEqualTo(new SearchPlan(
                        false,
                        new SearchSpace(
                                Map.of(
                                        SearchSpace.Parameter.ALPHA, new LogRange(0.01, 1),
                                        SearchSpace.Parameter.L1, new LogRange(0.01, 10),
                                        SearchSpace.Parameter.L2, new LogRange(0.1, 100)),
                                18,
                                18,
                                List.of("user", "item", "context")),
                        new SearchSettings(4, 10_000, 200, 10_000, 3.0, 0.001, 0.25, 4.0, 1)));
    }

    @Test
    void everySearchSettingReachesThePlan() {
        // Given
        RetrainerConfig config = TestConfig.of(Map.ofEntries(
                Map.entry("retrainer.search.enabled", "true"),
                Map.entry("retrainer.search.shadows", "8"),
                Map.entry("retrainer.search.budget", "2"),
                Map.entry("retrainer.search.window", "5000"),
                Map.entry("retrainer.search.min-examples", "300"),
                Map.entry("retrainer.search.margin", "0.002"),
                Map.entry("retrainer.search.lease", "20000"),
                Map.entry("retrainer.search.seed", "9"),
                Map.entry("retrainer.search.space.alpha", "none"),
                Map.entry("retrainer.search.space.beta", "0.5..2"),
                Map.entry("retrainer.search.space.l1", "none"),
                Map.entry("retrainer.search.space.l2", "1..10"),
                Map.entry("retrainer.search.space.min-bits", "20"),
                Map.entry("retrainer.search.space.max-bits", "24"),
                Map.entry("retrainer.search.space.cross-namespaces", "user,item")));

        // When
        SearchPlan plan = producer.searchPlan(config);

        // Then
        assertThat(plan)
                .isEqualTo(new SearchPlan(
                        true,
                        new SearchSpace(
                                Map.of(
                                        SearchSpace.Parameter.BETA, new LogRange(0.5, 2),
                                        SearchSpace.Parameter.L2, new LogRange(1, 10)),
                                20,
                                24,
                                List.of("user", "item")),
                        new SearchSettings(8, 5_000, 300, 20_000, 3.0, 0.002, 0.25, 2.0, 9)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "retrainer.search.space.alpha, 1..0.1, retrainer.search.space.alpha",
        "retrainer.search.space.l2, big, retrainer.search.space.l2",
        "retrainer.search.window, 1, retrainer.search",
        "retrainer.search.min-examples, 20000, retrainer.search"
    })
    void aBadSearchSettingStopsTheStartWithTheSettingNamed(String key, String value, String named) {
        RetrainerConfig config = TestConfig.of(Map.of(key, value));

        assertThatThrownBy(() -> producer.searchPlan(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(named);
    }
}
