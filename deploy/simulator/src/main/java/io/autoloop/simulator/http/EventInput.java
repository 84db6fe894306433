package io.autoloop.simulator.http;

import io.autoloop.contracts.EventType;
import java.time.Instant;
import java.util.Map;

/**
 * One feedback event as an app sends it to the feedback-collector's {@code POST /v1/events} (the collector adds
 * {@code appId}, {@code receivedAt} and {@code eventTime}).
 *
 * @param timestamp when it happened; stamped by the runner when the event is due
 * @param sentAt when it was sent; stamped on every attempt
 * @param value rating 1–5, dwell completion 0–1, conversion amount; null otherwise
 */
public record EventInput(
        String eventId,
        EventType type,
        String userId,
        String itemId,
        String decisionId,
        Instant timestamp,
        Instant sentAt,
        Double value,
        Map<String, Object> context,
        Boolean consent) {

    public EventInput withTimestamp(Instant at) {
        return new EventInput(eventId, type, userId, itemId, decisionId, at, sentAt, value, context, consent);
    }

    public EventInput withSentAt(Instant at) {
        return new EventInput(eventId, type, userId, itemId, decisionId, timestamp, at, value, context, consent);
    }
}
