package io.autoloop.collector.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.domain.TokenBucket;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The admission and marker scripts on the local stack's Redis: rate limits as {@link TokenBucket}, lookups as the
 * markers say, markers kept for their generations ({@link DedupGenerations}).
 */
@QuarkusTest
class AdmissionRepositoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    AdmissionRepository admissions;

    @Inject
    DedupRepository dedup;

    @Inject
    DedupGenerations generations;

    @Inject
    CollectorConfig config;

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
            List<String> eventIds = IntStream.range(0, (int) step[1])
                    .mapToObj(i -> "e-" + UUID.randomUUID())
                    .toList();
            AdmissionRepository.Admitted taken = admissions
                    .admit(app, bucket, eventIds.size(), eventIds, t0 + step[0], TIMEOUT)
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
            assertThat(taken.known()).isEmpty();
        }
    }

    @Test
    void anAdmittedRequestLearnsWhichOfItsEventsAreMarked() {
        // given: markers for two of four events
        String app = "lookup-" + UUID.randomUUID();
        TokenBucket bucket = new TokenBucket(1_000, 1_000);
        assertThat(dedup.mark(app, List.of("b", "d")).await().atMost(TIMEOUT)).isTrue();

        // when
        AdmissionRepository.Admitted admitted = admissions
                .admit(app, bucket, 4, List.of("a", "b", "c", "d"), System.currentTimeMillis(), TIMEOUT)
                .await()
                .atMost(TIMEOUT);

        // then
        assertThat(admitted.allowed()).isTrue();
        assertThat(admitted.known()).containsExactlyInAnyOrder("b", "d");
    }

    @Test
    void markersAreFoundForOneTtlAfterTheirGenerationAndExpireAfterTheNext() {
        // given: a marker written now, into the current generation's set
        String app = "generations-" + UUID.randomUUID();
        TokenBucket bucket = new TokenBucket(1_000, 1_000);
        long now = System.currentTimeMillis();
        long ttl = config.dedup().ttl().toMillis();
        assertThat(dedup.mark(app, List.of("m")).await().atMost(TIMEOUT)).isTrue();

        // then: a lookup finds it now and one TTL later (in the previous generation), not two TTLs later
        for (long later : new long[] {0, ttl}) {
            assertThat(admissions
                            .admit(app, bucket, 2, List.of("m", "n"), now + later, TIMEOUT)
                            .await()
                            .atMost(TIMEOUT)
                            .known())
                    .as("%d ms later", later)
                    .containsExactly("m");
        }
        assertThat(admissions
                        .admit(app, bucket, 1, List.of("m"), now + 2 * ttl, TIMEOUT)
                        .await()
                        .atMost(TIMEOUT)
                        .known())
                .isEmpty();
        // and Redis drops the set when its generation is one TTL over
        String key = generations.markKey(app, now);
        long expiresAt = redis.send(Request.cmd(Command.EXPIRETIME).arg(key))
                .await()
                .atMost(TIMEOUT)
                .toLong();
        assertThat(expiresAt).isEqualTo(generations.expiresAtSeconds(generations.generation(now)));
    }

    @Test
    void aRefusedRequestLooksNothingUp() {
        // given: a bucket of 5 and a marker for one of the six events
        String app = "refused-" + UUID.randomUUID();
        TokenBucket bucket = new TokenBucket(5, 1);
        assertThat(dedup.mark(app, List.of("x1")).await().atMost(TIMEOUT)).isTrue();
        List<String> six = List.of("x1", "x2", "x3", "x4", "x5", "x6");

        // when
        AdmissionRepository.Admitted refused = admissions
                .admit(app, bucket, six.size(), six, System.currentTimeMillis(), TIMEOUT)
                .await()
                .atMost(TIMEOUT);

        // then
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.known()).isEmpty();
    }

    @Test
    void theTokensTakenAreTheRequestsEventsNotItsValidEventIds() {
        // given: a bucket of 10, and a request of 10 events of which only one is valid
        String app = "invalid-events-" + UUID.randomUUID();
        TokenBucket bucket = new TokenBucket(10, 1);
        long now = System.currentTimeMillis();

        // when it is admitted
        AdmissionRepository.Admitted first = admissions
                .admit(app, bucket, 10, List.of("valid"), now, TIMEOUT)
                .await()
                .atMost(TIMEOUT);

        // then it took all ten tokens, so the next event finds the bucket empty
        assertThat(first.allowed()).isTrue();
        assertThat(first.tokens()).isZero();
        assertThat(admissions
                        .admit(app, bucket, 1, List.of("next"), now, TIMEOUT)
                        .await()
                        .atMost(TIMEOUT)
                        .allowed())
                .isFalse();
    }
}
