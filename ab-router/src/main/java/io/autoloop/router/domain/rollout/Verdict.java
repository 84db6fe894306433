package io.autoloop.router.domain.rollout;

/** What one analysis decided. */
public enum Verdict {
    /** Not enough evidence either way yet: stay at the current step. */
    HOLD,
    /** Move the challenger to the next step. */
    ADVANCE,
    /** The decision step found a significant gain: make the challenger the champion. */
    PROMOTE,
    /** Withdraw the challenger. */
    ROLLBACK,
    /** Stop and flag the experiment: the arms are not counted as assigned. */
    STOP,
    /** End the experiment without a promotion: a gain worth having is no longer plausible. */
    NO_GAIN
}
