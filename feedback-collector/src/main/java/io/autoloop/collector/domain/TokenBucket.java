package io.autoloop.collector.domain;

import java.time.Duration;

/**
 * Token-bucket arithmetic of the per-key rate limit: a bucket holds at most {@code capacity} tokens and
 * refills at {@code ratePerSecond}; a request for {@code n} events takes {@code n} tokens when the bucket has
 * them and takes nothing otherwise. Time is in epoch milliseconds; a clock that goes back (another replica's)
 * refills nothing. The Redis script of the collector's rate limiter performs exactly this computation.
 *
 * @param capacity most tokens the bucket holds (the burst)
 * @param ratePerSecond tokens added per second
 */
public record TokenBucket(double capacity, double ratePerSecond) {

    public TokenBucket {
        if (!(capacity > 0) || !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("A token bucket needs a positive capacity and rate, but they are "
                    + capacity + " and " + ratePerSecond + " per second.");
        }
    }

    /** The bucket's content at a moment: {@code tokens} left at {@code atMillis}. */
    public record State(double tokens, long atMillis) {}

    /** The answer to one request: whether it passes, the bucket afterwards, and when to retry if it does not. */
    public record Decision(boolean allowed, State state, Duration retryAfter) {}

    /** A full bucket at {@code nowMillis}: what a key that was never seen (or expired) starts with. */
    public State full(long nowMillis) {
        return new State(capacity, nowMillis);
    }

    /** Takes {@code n} tokens from {@code state} (null = never seen) at {@code nowMillis}. */
    public Decision take(State state, long nowMillis, int n) {
        State current = state == null ? full(nowMillis) : state;
        long elapsed = Math.max(0, nowMillis - current.atMillis());
        double tokens = Math.min(capacity, current.tokens() + elapsed * ratePerSecond / 1000.0);
        long at = Math.max(nowMillis, current.atMillis());
        if (tokens >= n) {
            return new Decision(true, new State(tokens - n, at), Duration.ZERO);
        }
        return new Decision(false, new State(tokens, at), retryAfter(tokens, n));
    }

    /** How long until {@code n} tokens are available when {@code tokens} are there now. */
    public Duration retryAfter(double tokens, int n) {
        double missing = Math.min(n, capacity) - tokens;
        if (missing <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil(missing * 1000.0 / ratePerSecond));
    }

    /** How long an idle bucket takes to be full again: the time its Redis key may expire after. */
    public Duration refillTime() {
        return Duration.ofMillis((long) Math.ceil(capacity * 1000.0 / ratePerSecond));
    }
}
