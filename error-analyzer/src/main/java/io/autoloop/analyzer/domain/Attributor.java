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
 *
 * <p>Limits ({@link DecisionLimits}): below them every event is kept. At them, the state keeps what can still decide
 * a label and turns the rest away as {@code decision-state-full}, using the {@linkplain
 * LabellingRules#decidingFirst() order} in which the labelling rules take the best signal:
 *
 * <ul>
 *   <li>An open decision's signals are all attributable, so a signal that a kept signal of the same item precedes
 *       cannot decide its item's label: it is turned away. Any other signal is kept, and to make room the decision
 *       keeps only the first signal of each item (the forgotten ones were attributed already; their eventIds are no
 *       longer recognised as duplicates). An open decision thus holds at most the larger of the limit and its number
 *       of served items.
 *   <li>Waiting feedback is not judged yet: the decision may refuse any of it. An event is irrelevant only when
 *       another waiting event of the same user and item is no later and precedes it, since the decision takes that
 *       one whenever it takes the irrelevant one. At the limit, the irrelevant events are turned away; when none is
 *       and the new event would pass the limit, the new event is turned away. Only then can a label differ from the
 *       unbounded rules: when the decision's user has more relevant waiting events than the limit (a served item has
 *       at most one per labelling rule, plus one that no rule matches).
 * </ul>
 */
public final class Attributor {

    private final AttributionWindow window;
    private final LabellingRules rules;
    private final DecisionLimits limits;

    public Attributor(AttributionWindow window, LabellingRules rules, DecisionLimits limits) {
        this.window = window;
        this.rules = rules;
        this.limits = limits;
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
            return FeedbackOutcome.unattributed(
                    withdrawConsent(state, eventTime, clock), UnattributedReason.NO_CONSENT);
        }
        if (state == null || state.phase() == Phase.AWAITING_DECISION) {
            if (clock.decisions() >= window.stopsWaitingAt(eventTime)) {
                return FeedbackOutcome.unattributed(state, UnattributedReason.LATE);
            }
            if (state != null && state.hasEvent(event.eventId())) {
                return FeedbackOutcome.unattributed(state, UnattributedReason.DUPLICATE);
            }
            return await(state, event);
        }
        if (state.phase() == Phase.CLOSED) {
            return FeedbackOutcome.unattributed(state, UnattributedReason.LATE);
        }
        UnattributedReason refusal = refusal(state.servedAt(), state.userId(), state.itemIds(), event);
        if (refusal != null) {
            return FeedbackOutcome.unattributed(state, refusal);
        }
        if (state.hasEvent(event.eventId())) {
            return FeedbackOutcome.unattributed(state, UnattributedReason.DUPLICATE);
        }
        Signal signal = Signal.of(event);
        List<Signal> signals = new ArrayList<>(state.signals());
        if (signals.size() >= limits.signals() && precededOnItsItem(signal, signals)) {
            return FeedbackOutcome.unattributed(state, UnattributedReason.DECISION_STATE_FULL);
        }
        signals.add(signal);
        return new FeedbackOutcome(
                new DecisionState(
                        Phase.OPEN,
                        state.deadline(),
                        state.servedAt(),
                        state.userId(),
                        state.itemIds(),
                        state.consentWithdrawn(),
                        signals.size() > limits.signals() ? firstOfEachItem(signals) : signals,
                        List.of()),
                null,
                List.of());
    }

    /** Adds {@code event} to the feedback waiting for its decision, within the limit. */
    private FeedbackOutcome await(DecisionState state, FeedbackEvent event) {
        List<FeedbackEvent> waiting = new ArrayList<>(state == null ? List.of() : state.waiting());
        long deadline = Math.max(
                state == null ? 0L : state.deadline(),
                window.stopsWaitingAt(event.eventTime().toEpochMilli()));
        boolean consentWithdrawn = state != null && state.consentWithdrawn();
        waiting.add(event);
        if (waiting.size() <= limits.waitingEvents()) {
            return new FeedbackOutcome(DecisionState.awaiting(deadline, consentWithdrawn, waiting), null, List.of());
        }
        if (irrelevant(event, waiting)) {
            return FeedbackOutcome.unattributed(state, UnattributedReason.DECISION_STATE_FULL);
        }
        List<FeedbackEvent> relevant = new ArrayList<>(waiting.size());
        List<FeedbackEvent> turnedAway = new ArrayList<>();
        for (FeedbackEvent waited : waiting) {
            (irrelevant(waited, waiting) ? turnedAway : relevant).add(waited);
        }
        if (relevant.size() > limits.waitingEvents()) {
            return FeedbackOutcome.unattributed(state, UnattributedReason.DECISION_STATE_FULL);
        }
        return new FeedbackOutcome(DecisionState.awaiting(deadline, consentWithdrawn, relevant), null, turnedAway);
    }

    /**
     * Whether another of the {@code waiting} events is of the same user and item, no later than {@code event}, and
     * precedes it: the decision then takes that one whenever it takes {@code event}, whose signal can never decide.
     */
    private boolean irrelevant(FeedbackEvent event, List<FeedbackEvent> waiting) {
        Signal signal = Signal.of(event);
        for (FeedbackEvent other : waiting) {
            if (other != event
                    && other.userId().equals(event.userId())
                    && other.itemId().equals(event.itemId())
                    && !other.eventTime().isAfter(event.eventTime())
                    && rules.decidingFirst().compare(Signal.of(other), signal) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether a signal of the same item precedes {@code signal} among {@code signals}, all of them attributed. */
    private boolean precededOnItsItem(Signal signal, List<Signal> signals) {
        for (Signal kept : signals) {
            if (kept.itemId().equals(signal.itemId()) && rules.decidingFirst().compare(kept, signal) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The first signal of each item in the labelling order: all that decides the labels of attributed signals. */
    private List<Signal> firstOfEachItem(List<Signal> signals) {
        Map<String, Signal> first = new LinkedHashMap<>();
        for (Signal signal : signals) {
            first.merge(
                    signal.itemId(),
                    signal,
                    (kept, other) -> rules.decidingFirst().compare(other, kept) < 0 ? other : kept);
        }
        return List.copyOf(first.values());
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
                DecisionState.open(
                        decision,
                        window.closesAt(servedAt),
                        consentWithdrawn,
                        signals.size() > limits.signals() ? firstOfEachItem(signals) : signals),
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
     * @param turnedAway waiting events that the state, at its limit, no longer keeps ({@code decision-state-full})
     */
    public record FeedbackOutcome(
            DecisionState state, UnattributedReason unattributed, List<FeedbackEvent> turnedAway) {

        public FeedbackOutcome {
            turnedAway = List.copyOf(turnedAway);
        }

        static FeedbackOutcome unattributed(DecisionState unchanged, UnattributedReason reason) {
            return new FeedbackOutcome(unchanged, reason, List.of());
        }
    }

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
