package io.autoloop.analyzer.topology;

import static io.autoloop.analyzer.Fixtures.APP;
import static io.autoloop.analyzer.Fixtures.click;
import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.feedback;
import static io.autoloop.analyzer.Fixtures.item;
import static io.autoloop.analyzer.Fixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.domain.DecisionLimits;
import io.autoloop.analyzer.domain.DecisionState;
import io.autoloop.analyzer.domain.Label;
import io.autoloop.analyzer.domain.LabellingRules;
import io.autoloop.analyzer.domain.Signal;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.analyzer.state.StoreSerdes;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.ServedItem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one decisionId may hold, in a {@link org.apache.kafka.streams.TopologyTestDriver} with production windows: a
 * decision flooded with feedback (a client that sends the same decisionId with every event) keeps a small state,
 * dead-letters and counts what it turns away and labels as the unbounded rules do; a state never grows past its byte
 * limit; a record too large to write is skipped and counted, and the records after it are labelled.
 */
class DecisionStateLimitsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant FINAL = T0.plus(Duration.ofMinutes(35));
    private static final Instant WALL_CLOCK = T0.plus(Duration.ofDays(1));
    private static final int FLOOD = 10_000;

    @TempDir
    Path stateDir;

    @Test
    void tenThousandEventsOnOneDecisionKeepItsStateSmallAndItsLabelsThoseOfTheUnboundedRules() {
        // Given: a decision of four items and 10,000 feedback events about it, half of them before it arrives. The
        // event that decides a label comes late: item a's only click is the 9,000th event, item b's only conversion
        // the 4,000th, long after the state reached its limits. Each has an eventId of its own: the flood is shuffled,
        // so the event at a position is not the one with that number, and a repeated eventId would be a duplicate.
        Decision decision = decision(
                "flooded", "u1", T0, item("a", 1, 0.1), item("b", 2, 0.2), item("c", 3, 0.3), item("d", 4, 0.4));
        List<FeedbackEvent> flood = flood(decision, new Random(11));
        flood.set(9_000, event(FLOOD, EventType.CLICK, "a", T0.plusSeconds(1_000), null));
        flood.set(4_000, event(FLOOD + 1, EventType.CONVERSION, "b", T0.plusSeconds(1_100), 30.0));
        DecisionLimits limits = DecisionLimits.standard();

        // When
        int largestBytes = 0;
        int largestWaiting = 0;
        int largestSignals = 0;
        try (AnalyzerDriver analyzer = new AnalyzerDriver(AnalyzerSettings.defaults(), stateDir, WALL_CLOCK)) {
            for (int i = 0; i < FLOOD; i++) {
                if (i == FLOOD / 2) {
                    analyzer.decide(decision);
                }
                analyzer.feed(flood.get(i));
                DecisionState stored = analyzer.storedState("flooded");
                largestBytes = Math.max(largestBytes, analyzer.storedStateBytes("flooded"));
                largestWaiting = Math.max(largestWaiting, stored.waiting().size());
                largestSignals = Math.max(largestSignals, stored.signals().size());
            }
            analyzer.advanceStreamTimeTo(FINAL);

            // Then: the labels the rules give to all 10,000 events,
            List<LabelledSample> expected = List.of(
                    sample(decision, "a", 1, "click"),
                    sample(decision, "b", 1, "conversion"),
                    sample(decision, "c", 0, "rating-negative"),
                    sample(decision, "d", 0, "no-positive"));
            assertThat(unboundedLabels(decision, flood)).isEqualTo(expected);
            assertThat(analyzer.sampleValues()).isEqualTo(expected);

            // a state within its limits, a few kilobytes where the waiting half alone would take hundreds,
            assertThat(largestWaiting).isEqualTo(limits.waitingEvents());
            assertThat(largestSignals).isLessThanOrEqualTo(limits.signals());
            assertThat(largestBytes)
                    .isLessThanOrEqualTo(limits.waitingEvents() * largestEventBytes(flood) + 1024)
                    .isLessThan(waitingBytes(flood.subList(0, FLOOD / 2)) / 50);

            // and every event attributed or dead-lettered as decision-state-full, and counted so.
            List<RejectedRecord> rejected = analyzer.rejected();
            assertThat(rejected).isNotEmpty().allSatisfy(dead -> {
                assertThat(dead.reason()).isEqualTo("decision-state-full");
                assertThat(dead.errors())
                        .singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("decisionId"));
            });
            double attributed = IntStream.range(0, EventType.values().length)
                    .mapToDouble(type ->
                            analyzer.counter(AnalyzerMetrics.ATTRIBUTED, "type", EventType.values()[type].wireName()))
                    .sum();
            assertThat(analyzer.unattributed(UnattributedReason.DECISION_STATE_FULL))
                    .isEqualTo(rejected.size());
            assertThat(attributed + rejected.size()).isEqualTo(FLOOD + 1.0 /* the clock's tick */);
        }
    }

    @Test
    void feedbackThatWouldTakeAStatePastItsByteLimitIsTurnedAway() {
        // Given: states of at most 2 KiB, and events with a context of 500 bytes each.
        AnalyzerSettings settings = AnalyzerSettings.defaults()
                .withLimits(new AnalyzerSettings.Limits(DecisionLimits.standard(), 2048, 1024 * 1024));
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));
        List<FeedbackEvent> heavy =
                IntStream.range(0, 6).mapToObj(i -> heavy(i, 500)).toList();

        try (AnalyzerDriver analyzer = new AnalyzerDriver(settings, stateDir, WALL_CLOCK)) {
            // When
            heavy.forEach(analyzer::feed);

            // Then: three fit, the others are dead-lettered, and the state stays under 2 KiB.
            assertThat(analyzer.storedState("d1").waiting()).hasSize(3);
            assertThat(analyzer.storedStateBytes("d1")).isLessThanOrEqualTo(2048);
            assertThat(analyzer.rejected())
                    .extracting(RejectedRecord::reason)
                    .containsExactly("decision-state-full", "decision-state-full", "decision-state-full");
            assertThat(analyzer.unattributed(UnattributedReason.DECISION_STATE_FULL))
                    .isEqualTo(3);

            // and the decision still takes what was kept.
            analyzer.decide(decision);
            analyzer.advanceStreamTimeTo(FINAL);
            assertThat(analyzer.sampleValues()).containsExactly(sample(decision, "a", 0, "no-positive"));
        }
    }

    @Test
    void aDecisionTooLargeToWriteIsSkippedAndCountedAndTheDecisionsAfterItAreLabelled() {
        // Given: records of at most 32 KiB (so values of at most 16 KiB), and a decision with 20 KiB of features.
        AnalyzerSettings settings = AnalyzerSettings.defaults()
                .withLimits(new AnalyzerSettings.Limits(DecisionLimits.standard(), 8 * 1024, 32 * 1024));
        Decision oversized = decision(
                "big",
                "u1",
                T0,
                new ServedItem("a", 1, 0.5, 1.0, Map.of("item", Map.of("description", "x".repeat(20 * 1024)))));
        Decision after = decision("small", "u2", T0.plusSeconds(1), item("a", 1, 0.5));

        try (AnalyzerDriver analyzer = new AnalyzerDriver(settings, stateDir, WALL_CLOCK)) {
            // When
            analyzer.decide(oversized, after);
            analyzer.feed(click("e1", oversized, "a", T0.plusSeconds(5)), click("e2", after, "a", T0.plusSeconds(6)));
            analyzer.advanceStreamTimeTo(FINAL.plus(Duration.ofMinutes(40)));

            // Then: the decision after it is labelled; the oversized one never arrived, so its click is unknown.
            assertThat(analyzer.sampleValues()).containsExactly(sample(after, "a", 1, "click"));
            assertThat(analyzer.rejected()).extracting(RejectedRecord::reason).containsExactly("unknown-decision");
            assertThat(analyzer.counter(
                            AnalyzerMetrics.TOO_LARGE, "topic", "analyzer-topology-test-decisions-by-user-repartition"))
                    .isEqualTo(1.0);
        }
    }

    /** 10,000 events from the decision's user about its items, in the window, in a random order. */
    private static List<FeedbackEvent> flood(Decision decision, Random random) {
        List<FeedbackEvent> events = new ArrayList<>(FLOOD);
        for (int i = 0; i < FLOOD; i++) {
            Instant time = T0.plusSeconds(random.nextInt(25 * 60));
            events.add(
                    switch (i % 4) {
                        case 0 -> event(i, EventType.IMPRESSION, "a", time, null);
                        case 1 -> event(i, EventType.DWELL, "a", time, random.nextDouble() * 0.8);
                        case 2 ->
                            event(i, EventType.RATING, random.nextBoolean() ? "b" : "c", time, 1.0 + random.nextInt(2));
                        default -> event(i, EventType.IMPRESSION, random.nextBoolean() ? "c" : "d", time, null);
                    });
        }
        Collections.shuffle(events, random);
        return events;
    }

    /** Feedback from u1 about {@code itemId} of decision {@code flooded}. */
    private static FeedbackEvent event(int index, EventType type, String itemId, Instant time, Double value) {
        return feedback("flood-" + index, type, "u1", "flooded", itemId, time, value, true);
    }

    /** Feedback from u1 about item a of decision d1, with a context of {@code bytes} characters. */
    private static FeedbackEvent heavy(int index, int bytes) {
        Instant time = T0.plusSeconds(index);
        return new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                "heavy-" + index,
                EventType.IMPRESSION,
                "u1",
                "a",
                "d1",
                time,
                null,
                null,
                Map.of("note", "n".repeat(bytes)),
                true,
                APP,
                time,
                time);
    }

    private static List<LabelledSample> unboundedLabels(Decision decision, List<FeedbackEvent> events) {
        LabellingRules rules = LabellingRules.standard();
        return decision.items().stream()
                .map(item -> {
                    List<Signal> signals = events.stream()
                            .filter(event -> event.itemId().equals(item.itemId()))
                            .map(Signal::of)
                            .toList();
                    Label label = rules.label(signals);
                    return sample(decision, item.itemId(), label.value(), label.reason());
                })
                .toList();
    }

    private static int largestEventBytes(List<FeedbackEvent> events) {
        int empty = waitingBytes(List.of());
        return events.stream()
                .mapToInt(event -> waitingBytes(List.of(event)) - empty)
                .max()
                .orElseThrow();
    }

    private static int waitingBytes(List<FeedbackEvent> events) {
        return StoreSerdes.decisionState()
                .serializer()
                .serialize(StoreNames.DECISION_STATES, DecisionState.awaiting(0L, false, events))
                .length;
    }
}
