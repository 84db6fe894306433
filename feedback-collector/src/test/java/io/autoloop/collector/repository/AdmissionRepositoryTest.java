package io.autoloop.collector.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.collector.domain.TokenBucket;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The admission script on the local stack's Redis: rate limits as {@link TokenBucket}, lookups as the markers say. */
@QuarkusTest
class AdmissionRepositoryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    AdmissionRepository admissions;

    @Inject
    DedupRepository dedup;

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
                    .admit(app, bucket, eventIds, t0 + step[0], TIMEOUT)
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
                .admit(app, bucket, List.of("a", "b", "c", "d"), System.currentTimeMillis(), TIMEOUT)
                .await()
                .atMost(TIMEOUT);

        // then
        assertThat(admitted.allowed()).isTrue();
        assertThat(admitted.known()).containsExactlyInAnyOrder("b", "d");
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
                .admit(app, bucket, six, System.currentTimeMillis(), TIMEOUT)
                .await()
                .atMost(TIMEOUT);

        // then
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.known()).isEmpty();
    }
}
