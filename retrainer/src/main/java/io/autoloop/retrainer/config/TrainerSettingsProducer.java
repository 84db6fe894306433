package io.autoloop.retrainer.config;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.domain.GatePolicy;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link TrainerSettings} (the default lineage's feature spec and FTRL parameters, holdout window, gate
 * thresholds) from
 * {@link RetrainerConfig}, at startup: a bad value stops the service with a sentence naming the setting.
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
