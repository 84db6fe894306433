package io.autoloop.analyzer.domain;

/**
 * Why a {@link io.autoloop.contracts.FeedbackEvent} did not become part of a
 * {@link io.autoloop.contracts.LabelledSample}; the wire name tags the {@code autoloop.feedback.unattributed}
 * metric and names the reason on {@code feedback.rejected}.
 */
public enum UnattributedReason {
    /** No decisionId, so no decision to join with. */
    NO_DECISION_ID("no-decision-id", true),
    /** The decision never arrived while the feedback waited for it. */
    UNKNOWN_DECISION("unknown-decision", true),
    /** The decision did not serve this item. */
    UNKNOWN_ITEM("unknown-item", true),
    /** The decision was served to another (pseudonymous) user. */
    USER_MISMATCH("user-mismatch", true),
    /** After the attribution window, or too late to change a label that is already final. */
    LATE("late", true),
    /** The payload does not meet the FeedbackEvent contract. */
    UNREADABLE("unreadable", true),
    /**
     * The decision's state is at its limit ({@code analyzer.limits.*}): the event could not have changed a label, or
     * keeping it would have taken the stored state past its size limit.
     */
    DECISION_STATE_FULL("decision-state-full", true),
    /** The user did not consent: counted, never trained on, never kept as a dead letter. */
    NO_CONSENT("no-consent", false),
    /** The same eventId was already attributed or is already waiting: it changes nothing. */
    DUPLICATE("duplicate", false);

    private final String wireName;
    private final boolean deadLettered;

    UnattributedReason(String wireName, boolean deadLettered) {
        this.wireName = wireName;
        this.deadLettered = deadLettered;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the event is kept on {@code feedback.rejected}. */
    public boolean deadLettered() {
        return deadLettered;
    }
}
