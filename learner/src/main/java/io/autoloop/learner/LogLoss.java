package io.autoloop.learner;

/**
 * The log loss of one prediction: consumes a predicted click probability and the observed label, produces the loss
 * in nats, {@code −ln p} for a click and {@code −ln(1 − p)} otherwise. Every log loss of Autoloop (progressive
 * validation, the retrainer's holdout window, the analyzer's error reports) is this one.
 *
 * <p>The probability is clipped to {@code [1e-15, 1 − 1e-15]} first, so a confident mistake costs about 34.5 nats
 * instead of infinity.
 */
public final class LogLoss {

    /** The clip: probabilities are held within {@code [EPSILON, 1 − EPSILON]}. */
    public static final double EPSILON = 1e-15;

    private LogLoss() {}

    /**
     * The log loss of predicting {@code predicted} for an outcome {@code label}.
     *
     * @param predicted the predicted probability of a click, in [0, 1]
     * @param label 1 for a click, 0 otherwise
     */
    public static double of(double predicted, double label) {
        double p = Math.min(Math.max(predicted, EPSILON), 1.0 - EPSILON);
        return -Math.log(label == 1.0 ? p : 1.0 - p);
    }
}
