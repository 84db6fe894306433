package io.autoloop.collector.domain;

import java.time.Duration;

/**
 * The configurable part of event validation.
 *
 * @param maxIdLength most characters (Unicode code points) of {@code eventId}, {@code userId}, {@code itemId},
 *     {@code decisionId} and of a context key
 * @param maxContextKeys most keys in {@code context}
 * @param maxFuture how far after {@code receivedAt} the skew-corrected event time may be
 * @param maxAge how far before {@code receivedAt} the skew-corrected event time may be
 */
public record EventRules(int maxIdLength, int maxContextKeys, Duration maxFuture, Duration maxAge) {

    /** The rules of the issue: ids up to 128, 50 context keys, 24 h ahead, 30 days back. */
    public static final EventRules DEFAULTS = new EventRules(128, 50, Duration.ofHours(24), Duration.ofDays(30));

    public EventRules {
        if (maxIdLength < 1 || maxContextKeys < 0) {
            throw new IllegalArgumentException("Id length and context size limits must be positive, but they are "
                    + maxIdLength + " and " + maxContextKeys + ".");
        }
        if (maxFuture.isNegative() || maxAge.isNegative()) {
            throw new IllegalArgumentException("The event time window must not be negative, but it is " + maxFuture
                    + " ahead and " + maxAge + " back.");
        }
    }
}
