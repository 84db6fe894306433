package io.autoloop.collector.messaging;

import java.time.Duration;

/**
 * What Kafka did with the records of one request: which of its {@code FeedbackEvent}s it acknowledged (by
 * position in the list handed to the publisher), whether every record (events and dead letters) was
 * acknowledged, the first failure otherwise, and how long it took.
 */
public record Delivery(boolean[] eventAcked, boolean complete, Throwable failure, Duration duration) {

    /** How many of the events Kafka acknowledged. */
    public int ackedEvents() {
        int acked = 0;
        for (boolean event : eventAcked) {
            if (event) {
                acked++;
            }
        }
        return acked;
    }
}
