package io.autoloop.router.domain.rollout;

/** The kinds of transition an experiment goes through; each one is a history entry and an audit entry. */
public enum Action {
    CREATE,
    START,
    ADVANCE,
    PROMOTE,
    COMPLETE,
    ROLLBACK,
    PAUSE,
    RESUME,
    STOP,
    /** The decision step ended without a gain worth promoting. */
    END,
    /** An arm moved to a newer version of its lineage; phase and weight stay. */
    REFRESH,
    /** The refresh guard moved an arm back to the version it served before a failed refresh. */
    REVERT
}
