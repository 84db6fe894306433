package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.Metrics;
import io.autoloop.testing.RedisUnreachableProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * With Redis unreachable, events are still accepted, and each app is still rate limited, by this replica alone; the
 * requests decided so are counted.
 */
@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
class RedisDownTest {

    @Test
    void eventsAreAcceptedAndTheRateLimitIsKeptByTheReplica() {
        // given: app limited (20 events/s, a burst of 500), with no Redis to share its bucket
        double localBefore = localDecisions();

        // when: its whole burst in one request, then 100 more events at once
        Api.post(
                        Api.LIMITED_KEY,
                        Events.body(IntStream.range(0, 500)
                                .mapToObj(i -> Events.click("redis-down-" + i))
                                .toList()))
                .statusCode(202)
                .body("accepted", equalTo(500));
        Api.post(
                        Api.LIMITED_KEY,
                        Events.body(IntStream.range(0, 100)
                                .mapToObj(i -> Events.click("redis-down-over-" + i))
                                .toList()))
                .statusCode(429);

        // then: both requests were decided by the replica's own bucket, and counted
        assertThat(localDecisions()).isEqualTo(localBefore + 2);
    }

    private static double localDecisions() {
        return Metrics.value("autoloop_ratelimit_local_total", "cause=\"redis-failed\"")
                + Metrics.value("autoloop_ratelimit_local_total", "cause=\"circuit-open\"");
    }
}
