package io.autoloop.collector.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Clock-skew correction: a client's clock may be off, but the time between the event and its sending is
 * measured on that one clock, so {@code eventTime = receivedAt − (sentAt − timestamp)}. Without {@code sentAt}
 * the client's {@code timestamp} is taken as it is. Network transit time is counted as zero.
 */
public final class EventTime {

    private EventTime() {}

    /** The event's time on the collector's clock. */
    public static Instant corrected(Instant receivedAt, Instant timestamp, Instant sentAt) {
        if (sentAt == null) {
            return timestamp;
        }
        return receivedAt.minus(Duration.between(timestamp, sentAt));
    }
}
