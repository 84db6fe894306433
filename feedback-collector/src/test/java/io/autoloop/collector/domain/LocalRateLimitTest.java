package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The buckets a replica keeps by itself while Redis is away: one per app, with the shared buckets' arithmetic. */
class LocalRateLimitTest {

    private static final long T0 = 1_700_000_000_000L;

    private final LocalRateLimit local = new LocalRateLimit();
    private final TokenBucket bucket = new TokenBucket(100, 10);

    @Test
    void anAppStartsWithAFullBucketDrainsItAndWaitsForItToRefill() {
        // when: the whole burst, then one more event at once, then one more 100 ms later
        TokenBucket.Decision burst = local.take("shop", bucket, T0, 100);
        TokenBucket.Decision overdrawn = local.take("shop", bucket, T0, 1);
        TokenBucket.Decision refilled = local.take("shop", bucket, T0 + 100, 1);

        // then
        assertThat(burst.allowed()).isTrue();
        assertThat(overdrawn.allowed()).isFalse();
        assertThat(overdrawn.retryAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(refilled.allowed()).isTrue();
    }

    @Test
    void eachAppHasABucketOfItsOwn() {
        // given: app shop has drained its bucket
        local.take("shop", bucket, T0, 100);

        // when: app news sends its first events
        TokenBucket.Decision other = local.take("news", bucket, T0, 100);

        // then
        assertThat(other.allowed()).isTrue();
        assertThat(local.take("shop", bucket, T0, 1).allowed()).isFalse();
    }
}
