package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LineageConfig;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Trainer} trains and judges: the feature spec and FTRL hyper-parameters of the configured default
 * lineage, the holdout window size and the gate thresholds; and how any lineage's {@link LineageConfig} becomes the
 * feature spec and parameters its learner trains with (the hash seed is the service's, the same for every lineage).
 */
public record TrainerSettings(FeatureSpec spec, FtrlParameters parameters, int holdoutSamples, GatePolicy gate) {

    /** The version of the error-analyzer's labelling rules the samples of {@code training.samples} follow. */
    public static final int LABELLING_VERSION = 1;

    public TrainerSettings {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(gate, "gate");
        if (holdoutSamples < gate.minHoldoutSamples()) {
            throw new IllegalArgumentException("The holdout window (" + holdoutSamples
                    + " samples) is smaller than the gate's minimum of " + gate.minHoldoutSamples()
                    + "; no candidate could ever be judged. Raise retrainer.gate.holdout-samples or lower"
                    + " retrainer.gate.min-holdout-samples.");
        }
    }

    /** The configuration of the default lineage: the configured feature spec and FTRL parameters. */
    public LineageConfig defaultConfig() {
        return configOf(spec, parameters);
    }

    /** The lineage configuration a learner of {@code spec} and {@code parameters} trains with. */
    public static LineageConfig configOf(FeatureSpec spec, FtrlParameters parameters) {
        return new LineageConfig(
                spec.bits(),
                spec.crosses().stream().map(Cross::toString).toList(),
                parameters.alpha(),
                parameters.beta(),
                parameters.l1(),
                parameters.l2(),
                LABELLING_VERSION);
    }

    /** The feature spec a learner of {@code config} hashes with: its bits and crosses, with the service's seed. */
    public FeatureSpec spec(LineageConfig config) {
        List<Cross> crosses = config.crosses().stream().map(Cross::parse).toList();
        return new FeatureSpec(config.hashBits(), spec.hashSeed(), crosses);
    }

    /** The FTRL parameters of {@code config}. */
    public static FtrlParameters parameters(LineageConfig config) {
        return new FtrlParameters(config.alpha(), config.beta(), config.l1(), config.l2());
    }
}
