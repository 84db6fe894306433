package io.autoloop.retrainer.config;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.LogRange;
import io.autoloop.learner.search.SearchSettings;
import io.autoloop.learner.search.SearchSpace;
import io.autoloop.retrainer.domain.GatePolicy;
import io.autoloop.retrainer.domain.SearchPlan;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link TrainerSettings} (the default lineage's feature spec and FTRL parameters, holdout window, gate
 * thresholds) and the {@link SearchPlan} (the shadows' space and settings) from {@link RetrainerConfig}, at startup: a
 * bad value stops the service with a sentence naming the setting.
 */
@ApplicationScoped
public class TrainerSettingsProducer {

    @Produces
    @Singleton
    @Startup
    TrainerSettings settings(RetrainerConfig config) {
        RetrainerConfig.Features features = config.features();
        RetrainerConfig.Ftrl ftrl = config.ftrl();
        RetrainerConfig.Gate gate = config.gate();
        return new TrainerSettings(
                new FeatureSpec(features.bits(), features.hashSeed(), crosses(features.crosses())),
                new FtrlParameters(ftrl.alpha(), ftrl.beta(), ftrl.l1(), ftrl.l2()),
                gate.holdoutSamples(),
                new GatePolicy(gate.margin(), gate.minPredictionSpread(), gate.minHoldoutSamples()));
    }

    /** The search of shadow configurations, from {@code retrainer.search.*}; a bad value stops the start. */
    @Produces
    @Singleton
    @Startup
    SearchPlan searchPlan(RetrainerConfig config) {
        RetrainerConfig.Search search = config.search();
        RetrainerConfig.Search.Space space = search.space();
        Map<SearchSpace.Parameter, LogRange> ranges = new EnumMap<>(SearchSpace.Parameter.class);
        range("alpha", space.alpha()).ifPresent(range -> ranges.put(SearchSpace.Parameter.ALPHA, range));
        range("beta", space.beta()).ifPresent(range -> ranges.put(SearchSpace.Parameter.BETA, range));
        range("l1", space.l1()).ifPresent(range -> ranges.put(SearchSpace.Parameter.L1, range));
        range("l2", space.l2()).ifPresent(range -> ranges.put(SearchSpace.Parameter.L2, range));
        int bits = config.features().bits();
        try {
            return new SearchPlan(
                    search.enabled(),
                    new SearchSpace(
                            ranges,
                            space.minBits().orElse(bits),
                            space.maxBits().orElse(bits),
                            space.crossNamespaces()),
                    new SearchSettings(
                            search.shadows(),
                            search.window(),
                            search.minExamples(),
                            search.lease(),
                            SearchSettings.DEFAULT_STANDARD_ERRORS,
                            search.margin(),
                            SearchSettings.DEFAULT_STEP,
                            search.budget(),
                            search.seed()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retrainer.search.* is not a valid search: " + e.getMessage(), e);
        }
    }

    /** A range of {@code retrainer.search.space.<key>}: {@code low..high}, or empty for {@code none}. */
    private static Optional<LogRange> range(String key, String value) {
        if (value.equals("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LogRange.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "retrainer.search.space." + key + " is not a range: " + e.getMessage() + " Or write none.", e);
        }
    }

    /** The crosses of {@code retrainer.features.crosses}: each {@code left*right}, or {@code none}. */
    private static List<Cross> crosses(List<String> configured) {
        List<Cross> crosses = new ArrayList<>();
        for (String cross : configured) {
            if (cross.equals("none")) {
                continue;
            }
            if (cross.split("\\*", -1).length != 2) {
                throw new IllegalArgumentException("retrainer.features.crosses has '" + cross
                        + "'; write each cross as left*right (e.g. user*item), or none.");
            }
            crosses.add(Cross.parse(cross));
        }
        return crosses;
    }
}
