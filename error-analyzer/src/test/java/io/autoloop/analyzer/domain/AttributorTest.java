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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The join's state transitions, with a 10 min window and 2 min grace. */
class AttributorTest {

    private static final Instant S = Instant.parse("2026-03-02T10:00:00Z");
    private static final long SERVED = S.toEpochMilli();
    private static final long MINUTE = 60_000;
    private final Attributor attributor = new Attributor(
            new AttributionWindow(Duration.ofMinutes(10), Duration.ofMinutes(2)), LabellingRules.standard());
    private final Decision decision = decision("d1", "u1", S, item("a", 1, 0.5));

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
    void aDecisionTooOldToTellFromARepeatIsIgnored() {
        DecisionOutcome outcome = attributor.onDecision(null, decision, EventClock.at(SERVED + 24 * MINUTE));

        assertThat(outcome.ignored()).isEqualTo(IgnoredDecision.EXPIRED);
        assertThat(outcome.state()).isNull();
    }
}
