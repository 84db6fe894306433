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
    END
}
