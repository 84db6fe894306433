package io.autoloop.contracts;

/**
 * Calibration of one predicted-probability bucket {@code [lower, upper)}: how many samples fell in
 * it, how many were positive, and the sum of their predictions.
 */
public record CalibrationBucket(double lower, double upper, long samples, long positives, double predictedSum) {

    /** Observed positives over predicted positives; NaN when nothing was predicted. */
    public double observedOverPredicted() {
        return predictedSum == 0.0 ? Double.NaN : positives / predictedSum;
    }
}
