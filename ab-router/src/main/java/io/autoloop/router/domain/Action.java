package io.autoloop.router.domain;

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
    STOP
}
