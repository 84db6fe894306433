package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.Metrics;
import io.autoloop.contracts.RedisKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** App {@code limited} may send 20 events/s with a burst of one full request (500 events), see %test config. */
@QuarkusTest
class RateLimitTest {

    @Inject
    Redis redis;

    @BeforeEach
    void startWithAFullBucket() {
        redis.send(Request.cmd(Command.DEL).arg(RedisKeys.rateLimit("limited")))
                .await()
                .atMost(Duration.ofSeconds(5));
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterAndNothingIsAccepted() {
        String fullRequest = Events.body(
                IntStream.range(0, 500).mapToObj(i -> Events.click("u" + i)).toList());
        double limitedBefore = Metrics.value("autoloop_events_rate_limited_total", "type=\"click\"");

        Api.post(Api.LIMITED_KEY, fullRequest).statusCode(202).body("accepted", equalTo(500));
        var refused = Api.post(
                        Api.LIMITED_KEY,
                        Events.body(IntStream.range(0, 100)
                                .mapToObj(i -> Events.click("late" + i))
                                .toList()))
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(429))
                .extract();

        // About 100 tokens are missing and 20 come back per second: retry in about 5 seconds.
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(4, 5);
        assertThat(Metrics.value("autoloop_events_rate_limited_total", "type=\"click\""))
                .isEqualTo(limitedBefore + 100);
    }

    @Test
    void invalidEventsCostTheirTokensToo() {
        // given a full request of events that each break a rule (a click carries no value)
        String invalid = Events.body(IntStream.range(0, 500)
                .mapToObj(i -> Events.click("w" + i).put("value", 1))
                .toList());
        Api.post(Api.LIMITED_KEY, invalid)
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("rejected.size()", equalTo(500));

        // when valid events follow at once
        var next = Api.post(
                Api.LIMITED_KEY,
                Events.body(IntStream.range(0, 100)
                        .mapToObj(i -> Events.click("after" + i))
                        .toList()));

        // then the invalid ones took the bucket: the key is over its rate
        next.statusCode(429);
    }

    @Test
    void otherKeysAreNotLimitedByIt() {
        Api.post(
                        Api.LIMITED_KEY,
                        Events.body(IntStream.range(0, 500)
                                .mapToObj(i -> Events.click("v" + i))
                                .toList()))
                .statusCode(202);

        Api.post(Events.body(java.util.List.of(Events.click("free"))))
                .statusCode(202)
                .body("accepted", equalTo(1));
    }
}
