package io.autoloop.analyzer.domain;

import io.autoloop.analyzer.domain.DecisionState.Phase;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ServedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The join of {@link Decision}s and {@link FeedbackEvent}s by decisionId in event time, as pure state transitions:
 * given what is known about a decisionId ({@link DecisionState}, null when nothing) and the {@link EventClock}, it
 * says what a new record changes and what it yields. The caller keeps the states, {@linkplain #due settles} a state
 * that is due before applying a record to it, and emits what the outcomes name.
 *
 * <p>Consent: a {@code consent=false} event for a decision withdraws consent for the whole decision — none of its
 * items becomes a sample — as long as its labels are not final yet; it is counted {@code no-consent} and never
 * kept anywhere else.
 */
public final class Attributor {

    private final AttributionWindow window;
    private final LabellingRules rules;

    public Attributor(AttributionWindow window, LabellingRules rules) {
        this.window = window;
        this.rules = rules;
    }

    public AttributionWindow window() {
        return window;
    }

    /**
     * Whether {@code state} is due on {@code clock}: an open decision once the feedback has come past its deadline,
     * waiting feedback once the decisions have, a closed marker once both have.
     */
    public boolean due(DecisionState state, EventClock clock) {
        return state.deadline()
                <= switch (state.phase()) {
                    case OPEN -> clock.feedback();
                    case AWAITING_DECISION -> clock.decisions();
                    case CLOSED -> clock.both();
                };
    }

    /** What a feedback event does, on {@code clock}, to the state of the decision it names. */
    public FeedbackOutcome onFeedback(DecisionState state, FeedbackEvent event, EventClock clock) {
        long eventTime = event.eventTime().toEpochMilli();
        if (!event.trainable()) {
            return new FeedbackOutcome(withdrawConsent(state, eventTime, clock), UnattributedReason.NO_CONSENT);
        }
        if (state == null || state.phase() == Phase.AWAITING_DECISION) {
            if (clock.decisions() >= window.stopsWaitingAt(eventTime)) {
                return new FeedbackOutcome(state, UnattributedReason.LATE);
            }
            if (state != null && state.hasEvent(event.eventId())) {
                return new FeedbackOutcome(state, UnattributedReason.DUPLICATE);
            }
            List<FeedbackEvent> waiting = new ArrayList<>(state == null ? List.of() : state.waiting());
            waiting.add(event);
            long deadline = Math.max(state == null ? 0L : state.deadline(), window.stopsWaitingAt(eventTime));
            boolean consentWithdrawn = state != null && state.consentWithdrawn();
            return new FeedbackOutcome(DecisionState.awaiting(deadline, consentWithdrawn, waiting), null);
        }
        if (state.phase() == Phase.CLOSED) {
            return new FeedbackOutcome(state, UnattributedReason.LATE);
        }
        UnattributedReason refusal = refusal(state.servedAt(), state.userId(), state.itemIds(), event);
        if (refusal != null) {
            return new FeedbackOutcome(state, refusal);
        }
        if (state.hasEvent(event.eventId())) {
            return new FeedbackOutcome(state, UnattributedReason.DUPLICATE);
        }
        List<Signal> signals = new ArrayList<>(state.signals());
        signals.add(Signal.of(event));
        return new FeedbackOutcome(
                new DecisionState(
                        Phase.OPEN,
                        state.deadline(),
                        state.servedAt(),
                        state.userId(),
                        state.itemIds(),
                        state.consentWithdrawn(),
                        signals,
                        List.of()),
                null);
    }

    /** What a decision does, on {@code clock}, to the state of its decisionId. */
    public DecisionOutcome onDecision(DecisionState state, Decision decision, EventClock clock) {
        if (state != null && state.phase() != Phase.AWAITING_DECISION) {
            return DecisionOutcome.ignored(state, IgnoredDecision.DUPLICATE);
        }
        long servedAt = decision.servedAt().toEpochMilli();
        if (clock.both() >= window.forgetsAt(servedAt)) {
            return DecisionOutcome.ignored(state, IgnoredDecision.EXPIRED);
        }
        List<String> itemIds = decision.items().stream().map(ServedItem::itemId).toList();
        List<Signal> signals = new ArrayList<>();
        List<Unattributed> refused = new ArrayList<>();
        for (FeedbackEvent event : state == null ? List.<FeedbackEvent>of() : state.waiting()) {
            UnattributedReason refusal = refusal(servedAt, decision.userId(), itemIds, event);
            if (refusal == null) {
                signals.add(Signal.of(event));
            } else {
                refused.add(new Unattributed(event, refusal));
            }
        }
        boolean consentWithdrawn = state != null && state.consentWithdrawn();
        if (clock.feedback() >= window.closesAt(servedAt)) {
            return new DecisionOutcome(
                    DecisionState.closed(servedAt, window.forgetsAt(servedAt)),
                    true,
                    consentWithdrawn,
                    signals,
                    refused,
                    null);
        }
        return new DecisionOutcome(
                DecisionState.open(decision, window.closesAt(servedAt), consentWithdrawn, signals),
                false,
                consentWithdrawn,
                List.of(),
                refused,
                null);
    }

    /** The marker that replaces an open state once its labels are final. */
    public DecisionState closedMarker(DecisionState open) {
        return DecisionState.closed(open.servedAt(), window.forgetsAt(open.servedAt()));
    }

    /**
     * One {@link LabelledSample} per served item, in the decision's order, labelled from the signals about it; the
     * sample's eventTime is the decision's servedAt.
     */
    public List<LabelledSample> label(Decision decision, List<Signal> signals) {
        Map<String, List<Signal>> byItem = new LinkedHashMap<>();
        for (Signal signal : signals) {
            byItem.computeIfAbsent(signal.itemId(), id -> new ArrayList<>()).add(signal);
        }
        List<LabelledSample> samples = new ArrayList<>(decision.items().size());
        for (ServedItem item : decision.items()) {
            Label label = rules.label(byItem.getOrDefault(item.itemId(), List.of()));
            samples.add(new LabelledSample(
                    LabelledSample.SCHEMA_VERSION,
                    decision.decisionId(),
                    decision.userId(),
                    item.itemId(),
                    item.position(),
                    item.propensity(),
                    item.features(),
                    label.value(),
                    label.weight(),
                    label.reason(),
                    decision.experimentId(),
                    decision.modelVersion(),
                    decision.arm(),
                    item.score(),
                    decision.servedAt(),
                    Boolean.TRUE));
        }
        return samples;
    }

    private DecisionState withdrawConsent(DecisionState state, long eventTime, EventClock clock) {
        if (state == null) {
            return clock.decisions() >= window.stopsWaitingAt(eventTime)
                    ? null
                    : DecisionState.awaiting(window.stopsWaitingAt(eventTime), true, List.of());
        }
        return switch (state.phase()) {
            case AWAITING_DECISION ->
                state.withConsentWithdrawn(Math.max(state.deadline(), window.stopsWaitingAt(eventTime)));
            case OPEN -> state.withConsentWithdrawn(state.deadline());
            case CLOSED -> state;
        };
    }

    private UnattributedReason refusal(long servedAt, String userId, List<String> itemIds, FeedbackEvent event) {
        if (!window.attributable(servedAt, event.eventTime().toEpochMilli())) {
            return UnattributedReason.LATE;
        }
        if (!userId.equals(event.userId())) {
            return UnattributedReason.USER_MISMATCH;
        }
        if (!itemIds.contains(event.itemId())) {
            return UnattributedReason.UNKNOWN_ITEM;
        }
        return null;
    }

    /** A feedback event that was not attributed, and why. */
    public record Unattributed(FeedbackEvent event, UnattributedReason reason) {}

    /**
     * What a feedback event changed.
     *
     * @param state the new state of its decisionId (the same instance when nothing changed; null for none)
     * @param unattributed why the event was not attributed, or null when it was attributed or is waiting
     */
    public record FeedbackOutcome(DecisionState state, UnattributedReason unattributed) {}

    /**
     * What a decision changed.
     *
     * @param state the new state of its decisionId (the same instance when nothing changed)
     * @param labelNow whether the decision arrived after its labels would have become final, so it is labelled at
     *     once from {@code signals}
     * @param consentWithdrawn whether consent was withdrawn for it (then nothing is labelled)
     * @param signals the signals to label it from when {@code labelNow}
     * @param refused the waiting feedback this decision could not take
     * @param ignored why the decision itself was ignored, or null
     */
    public record DecisionOutcome(
            DecisionState state,
            boolean labelNow,
            boolean consentWithdrawn,
            List<Signal> signals,
            List<Unattributed> refused,
            IgnoredDecision ignored) {

        static DecisionOutcome ignored(DecisionState unchanged, IgnoredDecision reason) {
            return new DecisionOutcome(unchanged, false, false, List.of(), List.of(), reason);
        }
    }
}
