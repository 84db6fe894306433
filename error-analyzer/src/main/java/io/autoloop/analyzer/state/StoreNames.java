package io.autoloop.analyzer.state;

/** The state stores of the analyzer; their changelog topics are {@code <application.id>-<store>-changelog}. */
public final class StoreNames {

    /** decisionId → the {@code Decision} JSON of an open decision. */
    public static final String DECISIONS = "analyzer-decisions";

    /** decisionId → its {@code DecisionState}. */
    public static final String DECISION_STATES = "analyzer-decision-states";

    /** (phase, deadline, decisionId) → nothing: the index that finds what is due. */
    public static final String DEADLINES = "analyzer-deadlines";

    /** "decisions" and "feedback" → how far each input has come in event time (a task's {@code EventClock}). */
    public static final String EVENT_CLOCKS = "analyzer-event-clocks";

    /**
     * appId and eventId → nothing, filed under the task's feedback clock when the event first arrived and kept for the
     * attribution window plus grace: the feedback events a task has taken, to drop their repeats.
     */
    public static final String FEEDBACK_IDS = "analyzer-feedback-ids";

    /** modelVersion, report window → {@code ErrorAccumulator}; queried by {@code GET /v1/reports}. */
    public static final String ERROR_REPORTS = "analyzer-error-reports";

    /** experimentId, arm-stats window → {@code ArmTally}. */
    public static final String ARM_STATS_WINDOWS = "analyzer-arm-stats-windows";

    /** experimentId → cumulative {@code ArmTally}. */
    public static final String ARM_STATS_TOTALS = "analyzer-arm-stats-totals";

    private StoreNames() {}
}
