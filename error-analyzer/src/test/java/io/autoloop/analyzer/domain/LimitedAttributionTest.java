package io.autoloop.analyzer.domain;

import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.feedback;
import static io.autoloop.analyzer.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.analyzer.domain.Attributor.FeedbackOutcome;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits never change a label: random streams of feedback about one decision — before and after it arrives, from
 * its user and another, about its items and one it did not serve, inside and past its window, with retries — are
 * labelled alike by an attributor at its limits and by one without any.
 */
class LimitedAttributionTest {

    private static final Instant S = Instant.parse("2026-03-02T10:00:00Z");
    private static final AttributionWindow WINDOW =
            new AttributionWindow(Duration.ofMinutes(10), Duration.ofMinutes(2));
    private static final EventType[] TYPES = EventType.values();
    /** Two users, three items and six ways of being judged (five rules, none): at most 36 relevant waiting events. */
    private static final DecisionLimits LIMITS = new DecisionLimits(36, 3);

    private final Decision decision = decision("d1", "u1", S, item("a", 1, 0.5), item("b", 2, 0.5));
    private final Attributor limited = new Attributor(WINDOW, LabellingRules.standard(), LIMITS);
    private final Attributor unbounded =
            new Attributor(WINDOW, LabellingRules.standard(), new DecisionLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aStateAtItsLimitsLabelsLikeTheUnboundedRules(long seed) {
        // Given: 100 events, 50 to 70 of them before the decision, about a tenth of them retries.
        Random random = new Random(seed);
        List<FeedbackEvent> events = events(random, 100);
        int beforeDecision = 50 + random.nextInt(21);

        // When
        Run atLimits = run(limited, events, beforeDecision);
        Run withoutLimits = run(unbounded, events, beforeDecision);

        // Then
        assertThat(atLimits.turnedAway).as("events turned away at the limits").isPositive();
        assertThat(atLimits.largestWaiting).isLessThanOrEqualTo(LIMITS.waitingEvents());
        assertThat(atLimits.largestSignals).isLessThanOrEqualTo(LIMITS.signals());
        assertThat(atLimits.samples).isEqualTo(withoutLimits.samples);
    }

    private Run run(Attributor attributor, List<FeedbackEvent> events, int beforeDecision) {
        EventClock clock = EventClock.at(S.toEpochMilli());
        Run run = new Run();
        DecisionState state = null;
        for (int i = 0; i < events.size(); i++) {
            if (i == beforeDecision) {
                state = attributor.onDecision(state, decision, clock).state();
            }
            FeedbackOutcome outcome = attributor.onFeedback(state, events.get(i), clock);
            state = outcome.state();
            run.observe(state, outcome);
        }
        run.samples = attributor.label(decision, state.signals());
        return run;
    }

    private static List<FeedbackEvent> events(Random random, int count) {
        List<FeedbackEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i > 0 && random.nextInt(10) == 0) {
                events.add(events.get(random.nextInt(i)));
                continue;
            }
            EventType type = TYPES[random.nextInt(TYPES.length)];
            events.add(feedback(
                    "e" + i,
                    type,
                    random.nextInt(10) == 0 ? "u2" : "u1",
                    "d1",
                    List.of("a", "b", "a", "b", "x").get(random.nextInt(5)),
                    S.plusSeconds(random.nextInt(12 * 60) - 60),
                    value(type, random),
                    true));
        }
        return events;
    }

    private static Double value(EventType type, Random random) {
        return switch (type) {
            case RATING -> (double) (1 + random.nextInt(5));
            case DWELL -> random.nextDouble();
            case CONVERSION -> 10.0;
            default -> null;
        };
    }

    /** What one attributor made of the stream. */
    private static final class Run {
        int turnedAway;
        int largestWaiting;
        int largestSignals;
        List<LabelledSample> samples;

        void observe(DecisionState state, FeedbackOutcome outcome) {
            turnedAway += outcome.turnedAway().size()
                    + (outcome.unattributed() == UnattributedReason.DECISION_STATE_FULL ? 1 : 0);
            largestWaiting = Math.max(largestWaiting, state.waiting().size());
            largestSignals = Math.max(largestSignals, state.signals().size());
        }
    }
}
