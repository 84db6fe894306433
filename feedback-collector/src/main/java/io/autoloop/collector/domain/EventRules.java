package io.autoloop.collector.domain;

import io.autoloop.contracts.input.InputRules;
import java.time.Duration;

/**
 * The configurable part of event validation.
 *
 * @param input what ids, context keys and values must be: the rules the router holds its requests to as well
 * @param maxFuture how far after {@code receivedAt} the skew-corrected event time may be
 * @param maxAge how far before {@code receivedAt} the skew-corrected event time may be
 */
public record EventRules(InputRules input, Duration maxFuture, Duration maxAge) {

    /** The shared input rules' defaults, events up to 24 h ahead and 30 days back. */
    public static final EventRules DEFAULTS =
            new EventRules(InputRules.DEFAULTS, Duration.ofHours(24), Duration.ofDays(30));

    public EventRules {
        if (input == null) {
            throw new IllegalArgumentException("Event validation needs the input rules, but they are missing.");
        }
        if (maxFuture.isNegative() || maxAge.isNegative()) {
            throw new IllegalArgumentException("The event time window must not be negative, but it is " + maxFuture
                    + " ahead and " + maxAge + " back.");
        }
    }
}
