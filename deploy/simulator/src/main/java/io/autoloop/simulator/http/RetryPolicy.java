package io.autoloop.simulator.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to send a request again: after a 429, 502, 503 or 504 answer, or when the service could not be reached, up to
 * {@code maxAttempts} attempts in all. The wait before retry n (1-based) is the answer's {@code Retry-After} when it
 * has one (capped at {@code maxRetryAfter}), else an exponential backoff with equal jitter: with
 * {@code d = min(maxBackoff, initialBackoff · 2^(n−1))}, a wait uniform in [d/2, d].
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    /** 6 attempts, 200 ms doubling up to 5 s, Retry-After honoured up to 30 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "A request needs at least one attempt, but maxAttempts is " + maxAttempts + ".");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("Backoffs must be non-negative with initial ≤ max, but they are "
                    + initialBackoff + ", " + maxBackoff + " and " + maxRetryAfter + ".");
        }
    }

    /** Whether an answer with this status is worth sending again. */
    public static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** The wait before the {@code retry}-th retry (1-based), given the answer's {@code Retry-After}, if any. */
    public Duration delayBefore(int retry, Optional<Duration> retryAfter, RandomGenerator jitter) {
        if (retryAfter.isPresent()) {
            Duration wait = retryAfter.get();
            return wait.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : wait;
        }
        double exponential = initialBackoff.toNanos() * Math.pow(2, Math.max(retry - 1, 0));
        long backoff = (long) Math.min(maxBackoff.toNanos(), exponential);
        long half = backoff / 2;
        return Duration.ofNanos(half + (half == 0 ? 0 : jitter.nextLong(half + 1)));
    }

    /**
     * Parses a {@code Retry-After} header value: delay-seconds ({@code 2}) or an HTTP-date
     * ({@code Wed, 21 Oct 2015 07:28:00 GMT}, a wait from {@code now}, zero when past). Empty when absent or
     * malformed.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
