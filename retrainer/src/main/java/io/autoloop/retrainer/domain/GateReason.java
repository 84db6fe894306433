package io.autoloop.retrainer.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why the validation gate let a candidate through or stopped it; {@link #wireName()} is the metric tag. */
public enum GateReason {
    /** Passed: its holdout log loss is within the margin of the version it would replace. */
    WITHIN_MARGIN(true),
    /** Passed: there is no champion to compare with, and the candidate is not degenerate. */
    NO_CHAMPION(true),
    /** Passed without a gate: the bias-only first version of an empty registry. */
    INITIAL_VERSION(true),
    /** Rejected: a weight or a prediction is NaN or infinite. */
    NON_FINITE(false),
    /** Rejected: fewer holdout samples than required have been scored by the current champion. */
    HOLDOUT_TOO_SMALL(false),
    /** Rejected: its predictions over the holdout window are (nearly) constant. */
    CONSTANT_PREDICTIONS(false),
    /** Rejected: its holdout log loss exceeds the champion's by more than the margin. */
    WORSE_THAN_CHAMPION(false),
    /**
     * Rejected: a refresh of the lineage serving the challenger arm whose holdout log loss exceeds the challenger
     * version's by more than the margin.
     */
    WORSE_THAN_CHALLENGER(false);

    private final boolean passed;

    GateReason(boolean passed) {
        this.passed = passed;
    }

    /** Whether a candidate with this reason is published. */
    public boolean passed() {
        return passed;
    }

    /** {@code published} or {@code rejected}. */
    public String outcome() {
        return passed ? "published" : "rejected";
    }

    /** The lower-case, hyphenated name used in JSON, metrics and logs, e.g. {@code worse-than-champion}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
