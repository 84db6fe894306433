package io.autoloop.router.domain.guardrail;

/**
 * The thresholds of the guardrails.
 *
 * @param maxErrorRate the highest acceptable share of failed challenger requests, e.g. 0.01
 * @param maxP99LatencyMillis the highest acceptable challenger p99 latency in milliseconds
 * @param minRequests the challenger requests an interval needs before its error rate and latency are judged
 * @param calibrationLow the lowest acceptable observed/predicted ratio, e.g. 0.8
 * @param calibrationHigh the highest acceptable observed/predicted ratio, e.g. 1.25
 * @param minCalibrationSamples the samples an error report needs before its calibration is judged
 * @param failuresToRollback how many failed analyses in a row of one guardrail roll the challenger back
 */
public record GuardrailLimits(
        double maxErrorRate,
        double maxP99LatencyMillis,
        long minRequests,
        double calibrationLow,
        double calibrationHigh,
        long minCalibrationSamples,
        int failuresToRollback) {

    public GuardrailLimits {
        if (!(maxErrorRate >= 0.0 && maxErrorRate <= 1.0)) {
            throw new IllegalArgumentException("The maximum error rate must be in [0, 1], got " + maxErrorRate + ".");
        }
        if (!(maxP99LatencyMillis > 0.0)) {
            throw new IllegalArgumentException(
                    "The maximum p99 latency must be positive, got " + maxP99LatencyMillis + " ms.");
        }
        if (!(calibrationLow > 0.0 && calibrationLow < 1.0 && calibrationHigh > 1.0)) {
            throw new IllegalArgumentException("Calibration bounds must satisfy 0 < low < 1 < high, got ["
                    + calibrationLow + ", " + calibrationHigh + "].");
        }
        if (minRequests < 1 || minCalibrationSamples < 1 || failuresToRollback < 1) {
            throw new IllegalArgumentException("Guardrail minimums and the failure threshold must be at least 1.");
        }
    }
}
