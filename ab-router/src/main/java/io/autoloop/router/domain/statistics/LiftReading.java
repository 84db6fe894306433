package io.autoloop.router.domain.statistics;

/**
 * What the {@link LiftTests} say after one analysis.
 *
 * @param gainPValue {@code 1/Λ⁺} of the gain test, capped at 1
 * @param harmPValue {@code 1/Λ} of the harm test, capped at 1
 * @param futilityUpper the upper end of the futility confidence sequence, as a relative lift
 * @param gain whether the gain test is significant at its level
 * @param harm whether the harm test is significant at its level
 */
public record LiftReading(double gainPValue, double harmPValue, double futilityUpper, boolean gain, boolean harm) {

    /** Whether a gain of {@code gainThreshold} is no longer plausible. */
    public boolean futileBelow(double gainThreshold) {
        return futilityUpper < gainThreshold;
    }
}
