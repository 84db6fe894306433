package io.autoloop.router.domain.refresh;

import java.time.Duration;
import java.util.Objects;

/**
 * The guardrails a refresh is held to while the {@link RefreshGuard} watches its arm.
 *
 * @param window how long an arm is watched after its first refresh
 * @param minSamples labelled samples the watched versions' reports need before CTR and calibration are judged (and
 *     the previous version's report before its CTR is a baseline)
 * @param maxCtrDrop the largest acceptable relative drop of CTR against the previous version's, e.g. 0.2 for -20 %
 * @param calibrationLow the lowest acceptable observed over predicted clicks
 * @param calibrationHigh the highest acceptable observed over predicted clicks
 * @param minRequests ranking requests on the arm before its error rate is judged
 * @param maxErrorRate the highest acceptable share of failed ranking requests on the arm
 */
public record RefreshLimits(
        Duration window,
        long minSamples,
        double maxCtrDrop,
        double calibrationLow,
        double calibrationHigh,
        long minRequests,
        double maxErrorRate) {

    public RefreshLimits {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The refresh window must be positive, but it is " + window + ".");
        }
        if (minSamples < 1 || minRequests < 1) {
            throw new IllegalArgumentException("The refresh guard needs at least one sample and one request before it"
                    + " judges, but minSamples is " + minSamples + " and minRequests " + minRequests + ".");
        }
        if (!(maxCtrDrop > 0.0 && maxCtrDrop < 1.0)) {
            throw new IllegalArgumentException(
                    "The largest CTR drop must lie strictly between 0 and 1, but it is " + maxCtrDrop + ".");
        }
        if (!(calibrationLow > 0.0 && calibrationLow < 1.0 && calibrationHigh > 1.0)) {
            throw new IllegalArgumentException(
                    "The calibration limits must enclose 1 (0 < low < 1 < high), but they are " + calibrationLow
                            + " and " + calibrationHigh + ".");
        }
        if (!(maxErrorRate >= 0.0 && maxErrorRate < 1.0)) {
            throw new IllegalArgumentException(
                    "The largest error rate must lie in [0, 1), but it is " + maxErrorRate + ".");
        }
    }
}
