package io.autoloop.analyzer;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ServedItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Decisions, feedback events and expected samples for the analyzer's tests, built in one line each. */
public final class Fixtures {

    /** The app every test event comes from. */
    public static final String APP = "demo";

    private Fixtures() {}

    /** An item at {@code position} with the model's predicted probability {@code score} and propensity 1. */
    public static ServedItem item(String itemId, int position, double score) {
        return new ServedItem(
                itemId,
                position,
                score,
                1.0,
                Map.of("item", Map.of("id", itemId), "context", Map.of("slot", position)));
    }

    /** A decision outside any experiment, served by model version {@code v1}. */
    public static Decision decision(String decisionId, String userId, Instant servedAt, ServedItem... items) {
        return decision(decisionId, userId, servedAt, null, Arm.CHAMPION, "v1", items);
    }

    public static Decision decision(
            String decisionId,
            String userId,
            Instant servedAt,
            String experimentId,
            Arm arm,
            String modelVersion,
            ServedItem... items) {
        return new Decision(
                Decision.SCHEMA_VERSION, decisionId, userId, experimentId, arm, modelVersion, servedAt, List.of(items));
    }

    /** A consented feedback event about {@code itemId} of {@code decision}, from its user. */
    public static FeedbackEvent feedback(
            String eventId, EventType type, Decision decision, String itemId, Instant eventTime, Double value) {
        return feedback(eventId, type, decision.userId(), decision.decisionId(), itemId, eventTime, value, true);
    }

    public static FeedbackEvent click(String eventId, Decision decision, String itemId, Instant eventTime) {
        return feedback(eventId, EventType.CLICK, decision, itemId, eventTime, null);
    }

    public static FeedbackEvent impression(String eventId, Decision decision, String itemId, Instant eventTime) {
        return feedback(eventId, EventType.IMPRESSION, decision, itemId, eventTime, null);
    }

    public static FeedbackEvent feedback(
            String eventId,
            EventType type,
            String userId,
            String decisionId,
            String itemId,
            Instant eventTime,
            Double value,
            boolean consent) {
        return new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                eventId,
                type,
                userId,
                itemId,
                decisionId,
                eventTime,
                null,
                value,
                Map.of(),
                consent,
                APP,
                eventTime,
                eventTime);
    }

    /** The sample the analyzer should emit for {@code itemId} of {@code decision}, with weight 1. */
    public static LabelledSample sample(Decision decision, String itemId, int label, String reason) {
        ServedItem item = decision.items().stream()
                .filter(served -> served.itemId().equals(itemId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Decision " + decision.decisionId() + " did not serve " + itemId + "."));
        return new LabelledSample(
                LabelledSample.SCHEMA_VERSION,
                decision.decisionId(),
                decision.userId(),
                itemId,
                item.position(),
                item.propensity(),
                item.features(),
                label,
                1.0,
                reason,
                decision.experimentId(),
                decision.modelVersion(),
                decision.arm(),
                item.score(),
                decision.servedAt(),
                true);
    }
}
