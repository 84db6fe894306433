package io.autoloop.analyzer.domain;

import static io.autoloop.analyzer.Fixtures.click;
import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.feedback;
import static io.autoloop.analyzer.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.analyzer.domain.Attributor.DecisionOutcome;
import io.autoloop.analyzer.domain.Attributor.FeedbackOutcome;
import io.autoloop.analyzer.domain.DecisionState.Phase;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The join's state transitions, with a 10 min window and 2 min grace. */
class AttributorTest {

    private static final Instant S = Instant.parse("2026-03-02T10:00:00Z");
    private static final long SERVED = S.toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final AttributionWindow WINDOW =
            new AttributionWindow(Duration.ofMinutes(10), Duration.ofMinutes(2));
    private final Attributor attributor = new Attributor(WINDOW, LabellingRules.standard(), DecisionLimits.standard());
    private final Decision decision = decision("d1", "u1", S, item("a", 1, 0.5));
    private final Decision twoItems = decision("d2", "u1", S, item("a", 1, 0.5), item("b", 2, 0.5));

    @Test
    void anOpenDecisionIsDueWhenTheFeedbackHasComePastWindowPlusGrace() {
        DecisionState open =
                attributor.onDecision(null, decision, EventClock.at(SERVED)).state();

        assertThat(open.phase()).isEqualTo(Phase.OPEN);
        assertThat(attributor.due(open, new EventClock(SERVED + 60 * MINUTE, SERVED + 12 * MINUTE - 1)))
                .isFalse();
        assertThat(attributor.due(open, new EventClock(SERVED, SERVED + 12 * MINUTE)))
                .isTrue();
    }

    @Test
    void feedbackWaitsForItsDecisionUntilTheDecisionsHaveComePastItsTimePlusWindowPlusGrace() {
        FeedbackOutcome waiting = attributor.onFeedback(null, click("e1", decision, "a", S), EventClock.at(SERVED));

        assertThat(waiting.unattributed()).isNull();
        assertThat(waiting.state().phase()).isEqualTo(Phase.AWAITING_DECISION);
        assertThat(attributor.due(waiting.state(), new EventClock(SERVED + 12 * MINUTE - 1, Long.MAX_VALUE)))
                .isFalse();
        assertThat(attributor.due(waiting.state(), new EventClock(SERVED + 12 * MINUTE, SERVED)))
                .isTrue();
    }

    @Test
    void aDecisionTakesTheFeedbackThatWaitedForIt() {
        DecisionState waiting = attributor
                .onFeedback(null, click("e1", decision, "a", S.plusSeconds(60)), EventClock.at(SERVED))
                .state();

        DecisionOutcome outcome = attributor.onDecision(waiting, decision, EventClock.at(SERVED + MINUTE));

        assertThat(outcome.state().signals()).extracting(Signal::eventId).containsExactly("e1");
        assertThat(outcome.refused()).isEmpty();
        assertThat(outcome.labelNow()).isFalse();
    }

    @Test
    void feedbackAtTheEndOfTheWindowIsLate() {
        DecisionState open =
                attributor.onDecision(null, decision, EventClock.at(SERVED)).state();

        FeedbackOutcome inside = attributor.onFeedback(
                open, click("e1", decision, "a", S.plusMillis(10 * MINUTE - 1)), EventClock.at(SERVED));
        FeedbackOutcome atEnd = attributor.onFeedback(
                open, click("e2", decision, "a", S.plusMillis(10 * MINUTE)), EventClock.at(SERVED));

        assertThat(inside.unattributed()).isNull();
        assertThat(atEnd.unattributed()).isEqualTo(UnattributedReason.LATE);
    }

    @Test
    void withdrawnConsentIsRememberedWhileTheDecisionIsOpen() {
        DecisionState open =
                attributor.onDecision(null, decision, EventClock.at(SERVED)).state();

        FeedbackOutcome withdrawn = attributor.onFeedback(
                open, feedback("e1", EventType.IMPRESSION, "u1", "d1", "a", S, null, false), EventClock.at(SERVED));

        assertThat(withdrawn.unattributed()).isEqualTo(UnattributedReason.NO_CONSENT);
        assertThat(withdrawn.state().consentWithdrawn()).isTrue();
        assertThat(withdrawn.state().signals()).isEmpty();
    }

    @Test
    void aFullOpenDecisionTurnsAwayASignalThatAnotherOfItsItemPrecedes() {
        Attributor limited = limitedTo(2, 2);
        DecisionState full = feed(
                limited,
                limited.onDecision(null, twoItems, EventClock.at(SERVED)).state(),
                click("e1", twoItems, "a", at(1)),
                feedback("e2", EventType.IMPRESSION, twoItems, "b", at(2), null));

        FeedbackOutcome repeat = limited.onFeedback(
                full, feedback("e3", EventType.IMPRESSION, twoItems, "a", at(3), null), EventClock.at(SERVED));

        assertThat(repeat.unattributed()).isEqualTo(UnattributedReason.DECISION_STATE_FULL);
        assertThat(repeat.state()).isSameAs(full);
    }

    @Test
    void aFullOpenDecisionKeepsASignalThatCanDecideAndThenOnlyTheFirstSignalOfEachItem() {
        Attributor limited = limitedTo(2, 2);
        DecisionState full = feed(
                limited,
                limited.onDecision(null, twoItems, EventClock.at(SERVED)).state(),
                feedback("e1", EventType.IMPRESSION, twoItems, "a", at(1), null),
                feedback("e2", EventType.RATING, twoItems, "a", at(2), 1.0));

        FeedbackOutcome decisive = limited.onFeedback(full, click("e3", twoItems, "a", at(3)), EventClock.at(SERVED));

        assertThat(decisive.unattributed()).isNull();
        assertThat(decisive.state().signals()).extracting(Signal::eventId).containsExactly("e3");
    }

    @Test
    void fullWaitingFeedbackTurnsAwayAnEventThatAnEarlierOneOfItsUserAndItemPrecedes() {
        Attributor limited = limitedTo(2, 2);
        DecisionState full = feed(limited, null, click("e1", twoItems, "a", at(1)), click("e2", twoItems, "b", at(1)));

        FeedbackOutcome later = limited.onFeedback(
                full, feedback("e3", EventType.IMPRESSION, twoItems, "a", at(2), null), EventClock.at(SERVED));

        assertThat(later.unattributed()).isEqualTo(UnattributedReason.DECISION_STATE_FULL);
        assertThat(later.state()).isSameAs(full);
    }

    @Test
    void fullWaitingFeedbackMakesRoomByTurningAwayTheEventsANewOnePrecedes() {
        Attributor limited = limitedTo(2, 2);
        DecisionState full = feed(
                limited,
                null,
                feedback("e1", EventType.IMPRESSION, twoItems, "a", at(2), null),
                feedback("e2", EventType.DWELL, twoItems, "a", at(3), 0.95));

        FeedbackOutcome earlierClick =
                limited.onFeedback(full, click("e3", twoItems, "a", at(1)), EventClock.at(SERVED));

        assertThat(earlierClick.unattributed()).isNull();
        assertThat(earlierClick.state().waiting())
                .extracting(FeedbackEvent::eventId)
                .containsExactly("e3");
        assertThat(earlierClick.turnedAway()).extracting(FeedbackEvent::eventId).containsExactly("e1", "e2");
    }

    @Test
    void fullWaitingFeedbackTurnsAwayANewEventThatCouldDecideWhenNoneIsIrrelevant() {
        Attributor limited = limitedTo(2, 2);
        DecisionState full = feed(limited, null, click("e1", twoItems, "a", at(5)), click("e2", twoItems, "b", at(5)));

        // The conversion is later than the click: a decision whose window ends between them takes only the click.
        FeedbackOutcome conversion = limited.onFeedback(
                full, feedback("e3", EventType.CONVERSION, twoItems, "a", at(6), 10.0), EventClock.at(SERVED));

        assertThat(conversion.unattributed()).isEqualTo(UnattributedReason.DECISION_STATE_FULL);
        assertThat(conversion.state()).isSameAs(full);
    }

    @Test
    void aDecisionTakingMoreWaitingSignalsThanTheLimitKeepsTheFirstOfEachItem() {
        Attributor limited = limitedTo(4, 2);
        DecisionState waiting = feed(
                limited,
                null,
                feedback("e1", EventType.IMPRESSION, twoItems, "a", at(1), null),
                feedback("e2", EventType.IMPRESSION, twoItems, "a", at(2), null),
                click("e3", twoItems, "a", at(3)),
                feedback("e4", EventType.IMPRESSION, twoItems, "b", at(1), null));

        DecisionOutcome outcome = limited.onDecision(waiting, twoItems, EventClock.at(SERVED));

        assertThat(outcome.state().signals()).extracting(Signal::eventId).containsExactly("e3", "e4");
    }

    @Test
    void aDecisionTooOldToTellFromARepeatIsIgnored() {
        DecisionOutcome outcome = attributor.onDecision(null, decision, EventClock.at(SERVED + 24 * MINUTE));

        assertThat(outcome.ignored()).isEqualTo(IgnoredDecision.EXPIRED);
        assertThat(outcome.state()).isNull();
    }

    private static Attributor limitedTo(int waitingEvents, int signals) {
        return new Attributor(WINDOW, LabellingRules.standard(), new DecisionLimits(waitingEvents, signals));
    }

    /** The state after {@code events}, each of them kept. */
    private static DecisionState feed(Attributor attributor, DecisionState state, FeedbackEvent... events) {
        DecisionState fed = state;
        for (FeedbackEvent event : events) {
            FeedbackOutcome outcome = attributor.onFeedback(fed, event, EventClock.at(SERVED));
            assertThat(outcome.unattributed()).as(event.eventId()).isNull();
            fed = outcome.state();
        }
        return fed;
    }

    private static Instant at(int minutes) {
        return S.plusSeconds(60L * minutes);
    }
}
