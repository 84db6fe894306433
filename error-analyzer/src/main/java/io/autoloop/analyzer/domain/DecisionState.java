package io.autoloop.analyzer.domain;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.ServedItem;
import java.util.List;

/**
 * What the analyzer knows about one decisionId, kept in a state store until {@code deadline} (epoch ms):
 * feedback waiting for a decision that has not arrived, an open decision collecting signals, or the marker of a
 * decision already labelled.
 *
 * @param phase where the decisionId is in its life
 * @param deadline {@link Phase#AWAITING_DECISION}: when the waiting feedback is given up as {@code unknown-decision};
 *     {@link Phase#OPEN}: when the labels become final; {@link Phase#CLOSED}: when the marker is forgotten
 * @param servedAt the decision's servedAt (epoch ms); 0 while awaiting it
 * @param userId the decision's pseudonymous user id; null unless open
 * @param itemIds the served item ids; empty unless open
 * @param consentWithdrawn whether a feedback event for this decision had {@code consent=false}
 * @param signals the attributed signals of an open decision, without duplicates, within {@link DecisionLimits}
 * @param waiting the feedback waiting for the decision, without duplicates, within {@link DecisionLimits}
 */
public record DecisionState(
        Phase phase,
        long deadline,
        long servedAt,
        String userId,
        List<String> itemIds,
        boolean consentWithdrawn,
        List<Signal> signals,
        List<FeedbackEvent> waiting) {

    /** The life of a decisionId in the analyzer. */
    public enum Phase {
        AWAITING_DECISION,
        OPEN,
        CLOSED
    }

    public DecisionState {
        if (phase == null) {
            throw new IllegalArgumentException("A DecisionState needs a phase.");
        }
        itemIds = List.copyOf(itemIds);
        signals = List.copyOf(signals);
        waiting = List.copyOf(waiting);
    }

    /** Feedback waiting for its decision until {@code deadline}. */
    public static DecisionState awaiting(long deadline, boolean consentWithdrawn, List<FeedbackEvent> waiting) {
        return new DecisionState(
                Phase.AWAITING_DECISION, deadline, 0L, null, List.of(), consentWithdrawn, List.of(), waiting);
    }

    /** An open decision whose labels become final at {@code deadline}. */
    public static DecisionState open(Decision decision, long deadline, boolean consentWithdrawn, List<Signal> signals) {
        return new DecisionState(
                Phase.OPEN,
                deadline,
                decision.servedAt().toEpochMilli(),
                decision.userId(),
                decision.items().stream().map(ServedItem::itemId).toList(),
                consentWithdrawn,
                signals,
                List.of());
    }

    /** The marker of a labelled decision, forgotten at {@code deadline}. */
    public static DecisionState closed(long servedAt, long deadline) {
        return new DecisionState(Phase.CLOSED, deadline, servedAt, null, List.of(), false, List.of(), List.of());
    }

    /** A copy with consent withdrawn. */
    DecisionState withConsentWithdrawn(long newDeadline) {
        return new DecisionState(phase, newDeadline, servedAt, userId, itemIds, true, signals, waiting);
    }

    boolean hasEvent(String eventId) {
        return signals.stream().anyMatch(signal -> signal.eventId().equals(eventId))
                || waiting.stream().anyMatch(event -> event.eventId().equals(eventId));
    }
}
