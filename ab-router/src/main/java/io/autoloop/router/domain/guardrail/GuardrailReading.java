package io.autoloop.router.domain.guardrail;

/**
 * One guardrail at one analysis.
 *
 * @param value the measured value, null without enough data
 * @param limit the threshold the value was held against (for calibration, the distance allowed from 1 as a ratio)
 * @param consecutiveFailures failed analyses in a row, this one included
 */
public record GuardrailReading(
        Guardrail guardrail, Status status, Double value, double limit, int consecutiveFailures) {

    /** The outcome of one guardrail check. */
    public enum Status {
        PASS,
        FAIL,
        /** Too little data to judge: the streak of failures neither grows nor resets. */
        NO_DATA
    }
}
