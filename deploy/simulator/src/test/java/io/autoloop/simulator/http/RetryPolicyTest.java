package io.autoloop.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2025-10-21T07:28:00Z");
    private final RetryPolicy policy =
            new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

    @ParameterizedTest
    @CsvSource({"429,true", "503,true", "502,true", "504,true", "400,false", "401,false", "500,false", "202,false"})
    void retriesOnlyAnswersThatMayChange(int status, boolean retryable) {
        assertThat(RetryPolicy.retryable(status)).isEqualTo(retryable);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateIsHonoured() {
        assertThat(RetryPolicy.parseRetryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("Tue, 21 Oct 2025 07:28:07 GMT", NOW))
                .contains(Duration.ofSeconds(7));
        assertThat(RetryPolicy.parseRetryAfter("Tue, 21 Oct 2025 07:27:00 GMT", NOW))
                .contains(Duration.ZERO);

        assertThat(policy.delayBefore(1, Optional.of(Duration.ofSeconds(3)), new SplittableRandom(1)))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayBefore(1, Optional.of(Duration.ofMinutes(5)), new SplittableRandom(1)))
                .as("capped at maxRetryAfter")
                .isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-1", "1.5"})
    void malformedRetryAfterIsIgnored(String value) {
        assertThat(RetryPolicy.parseRetryAfter(value, NOW)).isEmpty();
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        SplittableRandom jitter = new SplittableRandom(7);
        for (int retry = 1; retry <= 12; retry++) {
            long full = Math.min(5_000, 200L << (retry - 1));

            Duration delay = policy.delayBefore(retry, Optional.empty(), jitter);

            assertThat(delay.toMillis()).as("retry %d", retry).isBetween(full / 2, full);
        }
    }
}
