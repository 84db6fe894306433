package io.autoloop.retrainer.domain;

/**
 * The thresholds of the {@link ValidationGate}.
 *
 * @param margin how many nats of holdout log loss a candidate may lose to the champion; negative demands a gain
 * @param minPredictionSpread the smallest standard deviation of the candidate's holdout predictions
 * @param minHoldoutSamples the fewest holdout samples, scored by the current champion, needed to judge
 */
public record GatePolicy(double margin, double minPredictionSpread, int minHoldoutSamples) {

    public GatePolicy {
        if (!Double.isFinite(margin)) {
            throw new IllegalArgumentException("The gate margin must be a finite number of nats, got " + margin + ".");
        }
        if (!(minPredictionSpread >= 0.0) || Double.isInfinite(minPredictionSpread)) {
            throw new IllegalArgumentException(
                    "The gate's minimum prediction spread must be zero or more, got " + minPredictionSpread + ".");
        }
        if (minHoldoutSamples < 1) {
            throw new IllegalArgumentException(
                    "The gate needs at least one holdout sample to judge, got " + minHoldoutSamples + ".");
        }
    }
}
