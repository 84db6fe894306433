package io.autoloop.learner;

import java.util.List;

/**
 * Calibration of a stream of predictions: weighted sums of predicted probabilities and observed labels, overall
 * and per probability bucket (ten buckets of width 0.1).
 */
public record Calibration(double predicted, double observed, List<CalibrationBucket> buckets) {

    public Calibration {
        buckets = List.copyOf(buckets);
    }

    /** Observed over predicted clicks overall: 1 is calibrated; NaN when nothing was predicted. */
    public double observedOverPredicted() {
        return predicted == 0.0 ? Double.NaN : observed / predicted;
    }
}
