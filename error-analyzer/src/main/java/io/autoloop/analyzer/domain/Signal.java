package io.autoloop.analyzer.domain;

import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import java.time.Instant;

/**
 * What one {@link FeedbackEvent} says about one served item, as kept while its attribution window is open.
 *
 * <p>{@code value} is the rating, the dwell completion or the conversion amount (null for other types);
 * {@code eventTime} is the event's skew-corrected time.
 */
public record Signal(String eventId, EventType type, String itemId, Double value, Instant eventTime) {

    public Signal {
        if (eventId == null || type == null || itemId == null || eventTime == null) {
            throw new IllegalArgumentException("A Signal needs an eventId, a type, an itemId and an eventTime.");
        }
    }

    /** The signal a feedback event carries. */
    public static Signal of(FeedbackEvent event) {
        return new Signal(event.eventId(), event.type(), event.itemId(), event.value(), event.eventTime());
    }
}
