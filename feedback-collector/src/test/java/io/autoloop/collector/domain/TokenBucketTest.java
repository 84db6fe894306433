package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final TokenBucket bucket = new TokenBucket(500, 100);

    @Test
    void aNewKeyMayUseTheWholeBurstAtOnce() {
        TokenBucket.Decision decision = bucket.take(null, 1_000, 500);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.state()).isEqualTo(new TokenBucket.State(0, 1_000));
    }

    @Test
    void aRefusedRequestTakesNothingAndSaysWhenToRetry() {
        TokenBucket.State drained = new TokenBucket.State(30, 1_000);

        TokenBucket.Decision decision = bucket.take(drained, 1_000, 100);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.state().tokens()).isEqualTo(30);
        assertThat(decision.retryAfter()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void tokensRefillAtTheRateUpToTheCapacity() {
        TokenBucket.State empty = new TokenBucket.State(0, 0);

        assertThat(bucket.take(empty, 250, 25).allowed()).isTrue();
        assertThat(bucket.take(empty, 250, 26).allowed()).isFalse();
        assertThat(bucket.take(empty, 60_000, 501).allowed()).isFalse();
        assertThat(bucket.take(empty, 60_000, 500).state().tokens()).isZero();
    }

    @Test
    void aClockGoingBackRefillsNothing() {
        TokenBucket.State state = new TokenBucket.State(10, 5_000);

        TokenBucket.Decision decision = bucket.take(state, 4_000, 10);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.state()).isEqualTo(new TokenBucket.State(0, 5_000));
    }

    @Test
    void sustainedRateIsTheRefillRate() {
        TokenBucket.State state = bucket.full(0);
        int allowed = 0;
        for (long now = 0; now < 10_000; now += 10) { // 10 s of one event every 10 ms after the burst
            TokenBucket.Decision decision = bucket.take(state, now, 2);
            state = decision.state();
            allowed += decision.allowed() ? 2 : 0;
        }

        assertThat(allowed).isBetween(500 + 100 * 10 - 2, 500 + 100 * 10);
    }

    @Test
    void refillTimeIsTheTimeToFillAnEmptyBucket() {
        assertThat(bucket.refillTime()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void capacityAndRateMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenBucket(0, 10))
                .withMessageContaining("positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TokenBucket(10, -1))
                .withMessageContaining("positive");
    }
}
