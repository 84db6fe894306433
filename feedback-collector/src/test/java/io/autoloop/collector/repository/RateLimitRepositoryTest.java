package io.autoloop.collector.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.collector.domain.TokenBucket;
import io.autoloop.contracts.RedisKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rate-limit script on the local stack's Redis decides as {@link TokenBucket} and keeps one hash per app. */
@QuarkusTest
class RateLimitRepositoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    RateLimitRepository rateLimits;

    @Inject
    Redis redis;

    @Test
    void theScriptDecidesExactlyAsTheTokenBucket() {
        // given: a fresh key and a sequence of (time in ms, events) that drains, refills and overdraws the bucket
        TokenBucket bucket = new TokenBucket(100, 10);
        String app = "model-check-" + UUID.randomUUID();
        long t0 = 1_700_000_000_000L;
        long[][] steps = {
            {0, 60}, {0, 40}, {0, 1}, {500, 5}, {500, 1}, {2_000, 15}, {1_900, 1}, {60_000, 100}, {60_000, 101}
        };

        TokenBucket.State state = null;
        for (long[] step : steps) {
            // when
            RateLimitRepository.Taken taken = rateLimits
                    .take(app, bucket, (int) step[1], t0 + step[0], TIMEOUT)
                    .await()
                    .atMost(TIMEOUT);
            TokenBucket.Decision expected = bucket.take(state, t0 + step[0], (int) step[1]);
            state = expected.state();

            // then
            assertThat(taken.allowed())
                    .as("allowed at step %s", Arrays.toString(step))
                    .isEqualTo(expected.allowed());
            assertThat(taken.tokens())
                    .as("tokens at step %s", Arrays.toString(step))
                    .isCloseTo(expected.state().tokens(), within(1e-9));
        }
    }

    @Test
    void anAppsBucketIsOneHashOfTwoFieldsThatExpiresOnceFull() {
        // given: a bucket that refills in 10 s
        String app = "one-hash-" + UUID.randomUUID();
        TokenBucket bucket = new TokenBucket(100, 10);

        // when: a thousand requests take its tokens
        long now = System.currentTimeMillis();
        for (int i = 0; i < 1_000; i++) {
            rateLimits.take(app, bucket, 1, now, TIMEOUT).await().atMost(TIMEOUT);
        }

        // then: one hash of two fields, expiring within its refill time plus a second
        String key = RedisKeys.rateLimit(app);
        assertThat(send(Request.cmd(Command.HLEN).arg(key))).isEqualTo(2);
        assertThat(send(Request.cmd(Command.PTTL).arg(key))).isBetween(1L, 11_000L);
    }

    private long send(Request request) {
        return redis.send(request).await().atMost(TIMEOUT).toLong();
    }
}
