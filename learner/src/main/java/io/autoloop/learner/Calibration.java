package io.autoloop.learner;

import java.util.List;

/**
 * Calibration of a stream of weighted predictions: weighted sums of predicted probabilities and observed labels,
 * overall and per probability bucket (ten buckets of width 0.1).
 *
 * <p>The sums are weighted by the samples' weights, which are fractional in general; the wire's
 * {@code io.autoloop.contracts.CalibrationBucket} of an error report counts samples and clicks instead, so the two
 * are different records and this one is {@link Bucket}.
 */
public record Calibration(double predicted, double observed, List<Bucket> buckets) {

    public Calibration {
        buckets = List.copyOf(buckets);
    }

    /** Observed over predicted clicks overall: 1 is calibrated; NaN when nothing was predicted. */
    public double observedOverPredicted() {
        return predicted == 0.0 ? Double.NaN : observed / predicted;
    }

    /**
     * The samples whose predicted probability fell in {@code [lower, upper)} (the last bucket includes 1): their total
     * weight, and the weighted sums of predicted probabilities and observed labels.
     */
    public record Bucket(double lower, double upper, double weight, double predicted, double observed) {

        /** Observed over predicted clicks: 1 is calibrated, above 1 under-predicts; NaN when nothing was predicted. */
        public double observedOverPredicted() {
            return predicted == 0.0 ? Double.NaN : observed / predicted;
        }
    }
}
