package io.autoloop.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * What a user did with an item, as published on {@code feedback.events} by the feedback-collector.
 *
 * <p>{@code userId} is already pseudonymized. {@code value} is the rating (1–5) for {@code rating},
 * the completion (0–1) for {@code dwell} and the amount for {@code conversion}; other types leave it
 * null. {@code eventTime} is the skew-corrected time {@code receivedAt − (sentAt − timestamp)}, or
 * {@code timestamp} when the client sent no {@code sentAt}.
 */
public record FeedbackEvent(
        int schemaVersion,
        String eventId,
        EventType type,
        String userId,
        String itemId,
        String decisionId,
        Instant timestamp,
        Instant sentAt,
        Double value,
        Map<String, Object> context,
        Boolean consent,
        String appId,
        Instant receivedAt,
        Instant eventTime) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "FeedbackEvent";

    public FeedbackEvent {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(eventId, NAME, "eventId");
        Require.present(type, NAME, "type");
        Require.text(userId, NAME, "userId");
        Require.text(itemId, NAME, "itemId");
        Require.present(timestamp, NAME, "timestamp");
        Require.text(appId, NAME, "appId");
        Require.present(receivedAt, NAME, "receivedAt");
        Require.present(eventTime, NAME, "eventTime");
        context = Map.copyOf(Require.orDefault(context, Map.of()));
        consent = Require.orDefault(consent, Boolean.TRUE);
    }

    /** Whether the user allowed this event to be trained on. */
    public boolean trainable() {
        return consent;
    }
}
