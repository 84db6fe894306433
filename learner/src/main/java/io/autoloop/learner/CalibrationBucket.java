package io.autoloop.learner;

/**
 * The samples whose predicted probability fell in {@code [lower, upper)} (the last bucket includes 1): their total
 * weight, and the weighted sums of predicted probabilities and observed labels.
 */
public record CalibrationBucket(double lower, double upper, double weight, double predicted, double observed) {

    /** Observed over predicted clicks: 1 is calibrated, above 1 under-predicts; NaN when nothing was predicted. */
    public double observedOverPredicted() {
        return predicted == 0.0 ? Double.NaN : observed / predicted;
    }
}
