package io.autoloop.retrainer.domain;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import java.util.Objects;

/**
 * How a {@link Trainer} trains and judges: feature hashing, FTRL hyper-parameters, holdout window size, gate
 * thresholds, and whether a changed spec replays the topic.
 */
public record TrainerSettings(
        FeatureSpec spec, FtrlParameters parameters, int holdoutSamples, GatePolicy gate, boolean replayOnSpecChange) {

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
}
