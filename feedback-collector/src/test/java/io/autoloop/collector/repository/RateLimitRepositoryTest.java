package io.autoloop.collector.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.collector.domain.TokenBucket;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Redis script against its specification, {@link TokenBucket}, on the local stack's Redis. */
@QuarkusTest
class RateLimitRepositoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    RateLimitRepository repository;

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
            RateLimitRepository.Taken taken = repository
                    .take(app, bucket, (int) step[1], t0 + step[0], TIMEOUT)
                    .await()
                    .atMost(TIMEOUT);
            TokenBucket.Decision expected = bucket.take(state, t0 + step[0], (int) step[1]);
            state = expected.state();

            // then
            assertThat(taken.allowed())
                    .as("allowed at step %s", java.util.Arrays.toString(step))
                    .isEqualTo(expected.allowed());
            assertThat(taken.tokens())
                    .as("tokens at step %s", java.util.Arrays.toString(step))
                    .isCloseTo(expected.state().tokens(), within(1e-9));
        }
    }
}
