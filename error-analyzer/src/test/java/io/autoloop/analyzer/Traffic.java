package io.autoloop.analyzer;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ServedItem;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic serving traffic for the tests on the broker and the benchmark: decision {@code i} serves
 * {@code itemsPerDecision} items at {@code start + i × spacing}; every item gets an impression 100 ms later, and a
 * click 500 ms later with probability {@code clickRate} (decided by a seeded hash of (i, item), so any run can
 * recompute the expected samples without storing them).
 */
public record Traffic(String runId, int itemsPerDecision, double clickRate, Instant start, Duration spacing) {

    public Traffic {
        start = start.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The decisionId of decision {@code i}. */
    public String decisionId(int i) {
        return runId + "-d" + i;
    }

    public String userId(int i) {
        return "user-" + runId + "-" + (i % 1000);
    }

    public Instant servedAt(int i) {
        return start.plus(spacing.multipliedBy(i));
    }

    /** Decision {@code i}, in experiment {@code exp-<runId>}: even decisions in the champion arm, odd ones in the challenger's. */
    public Decision decision(int i) {
        List<ServedItem> items = new ArrayList<>(itemsPerDecision);
        for (int position = 1; position <= itemsPerDecision; position++) {
            String itemId = "item-" + ((i * 7 + position) % 5000);
            items.add(new ServedItem(
                    itemId,
                    position,
                    score(i, position),
                    1.0,
                    Map.of(
                            "user", Map.of("segment", "s" + (i % 7)),
                            "item", Map.of("category", "c" + (position % 4), "price", 10.0 + position),
                            "context", Map.of("device", i % 2 == 0 ? "mobile" : "desktop"))));
        }
        boolean champion = i % 2 == 0;
        return new Decision(
                Decision.SCHEMA_VERSION,
                decisionId(i),
                userId(i),
                "exp-" + runId,
                champion ? Arm.CHAMPION : Arm.CHALLENGER,
                champion ? "1.0.0" : "1.1.0",
                servedAt(i),
                items);
    }

    /** The feedback of decision {@code i}: one impression per item, and the clicks. */
    public List<FeedbackEvent> feedback(int i) {
        Decision decision = decision(i);
        List<FeedbackEvent> events = new ArrayList<>(itemsPerDecision + 1);
        for (ServedItem item : decision.items()) {
            events.add(event(decision, item, EventType.IMPRESSION, 100));
            if (clicked(i, item.position())) {
                events.add(event(decision, item, EventType.CLICK, 500));
            }
        }
        return events;
    }

    /** Whether the item at {@code position} of decision {@code i} gets clicked. */
    public boolean clicked(int i, int position) {
        return new SplittableRandom(((long) i << 8) ^ position ^ runId.hashCode()).nextDouble() < clickRate;
    }

    /** The sample the analyzer must emit for the item at {@code position} of decision {@code i}. */
    public LabelledSample expected(int i, int position) {
        Decision decision = decision(i);
        ServedItem item = decision.items().get(position - 1);
        boolean clicked = clicked(i, position);
        return new LabelledSample(
                LabelledSample.SCHEMA_VERSION,
                decision.decisionId(),
                decision.userId(),
                item.itemId(),
                position,
                item.propensity(),
                item.features(),
                clicked ? 1 : 0,
                1.0,
                clicked ? "click" : "no-positive",
                decision.experimentId(),
                decision.modelVersion(),
                decision.arm(),
                item.score(),
                decision.servedAt(),
                true);
    }

    /** The expected samples of decisions {@code [from, to)}. */
    public List<LabelledSample> expectedOfDecisions(int from, int to) {
        List<LabelledSample> samples = new ArrayList<>((to - from) * itemsPerDecision);
        for (int i = from; i < to; i++) {
            for (int position = 1; position <= itemsPerDecision; position++) {
                samples.add(expected(i, position));
            }
        }
        return samples;
    }

    private FeedbackEvent event(Decision decision, ServedItem item, EventType type, long delayMillis) {
        Instant at = decision.servedAt().plusMillis(delayMillis);
        return new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                decision.decisionId() + "-" + item.position() + "-" + type.wireName(),
                type,
                decision.userId(),
                item.itemId(),
                decision.decisionId(),
                at,
                null,
                null,
                Map.of(),
                true,
                Fixtures.APP,
                at,
                at);
    }

    private static double score(int i, int position) {
        return ((i * 31 + position * 17) % 1000) / 1000.0;
    }
}
