package io.autoloop.analyzer.domain;

/**
 * How much feedback the analyzer keeps for one decisionId: at most {@code waitingEvents} feedback events waiting for a
 * decision that has not arrived, and at most {@code signals} signals of an open decision, beyond which it keeps only
 * the best signal of each served item. What a full state turns away could not have changed a label (see
 * {@link Attributor}), so the defaults only need to be out of reach of real decisions, while keeping the largest state
 * far from the record limit of its changelog.
 *
 * @param waitingEvents the most feedback events kept for a decision that has not arrived, 1 or more
 * @param signals the most signals kept for an open decision before it keeps one per served item, 1 or more
 */
public record DecisionLimits(int waitingEvents, int signals) {

    public DecisionLimits {
        if (waitingEvents < 1) {
            throw new IllegalArgumentException(
                    "'analyzer.limits.waiting-events' must be 1 or more, but it is " + waitingEvents + ".");
        }
        if (signals < 1) {
            throw new IllegalArgumentException(
                    "'analyzer.limits.signals' must be 1 or more, but it is " + signals + ".");
        }
    }

    /** 64 waiting feedback events and 128 signals: several times what a decision of ten items collects. */
    public static DecisionLimits standard() {
        return new DecisionLimits(64, 128);
    }
}
