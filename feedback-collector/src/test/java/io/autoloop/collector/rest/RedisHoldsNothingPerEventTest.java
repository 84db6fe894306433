package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.contracts.RedisKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;

/**
 * Redis holds nothing per event: however many events an app sends, the collector keeps one hash for it (its rate-limit
 * bucket) and no key or member that names an event. Counted for an app of this test's own, since other tests share
 * the stack's Redis.
 */
@QuarkusTest
@TestProfile(RedisHoldsNothingPerEventTest.OwnApp.class)
class RedisHoldsNothingPerEventTest {

    private static final String APP = "per-event-check";
    private static final String KEY = "autoloop-test-per-event-check-key";
    private static final int REQUESTS = 20;
    private static final int EVENTS_PER_REQUEST = 500;

    /** App {@value #APP}, with a rate limit no request of this test reaches. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "collector.api-keys.\"" + APP + "\"",
                    DigestUtils.sha256Hex(KEY),
                    "collector.rate-limit.per-app.\"" + APP + "\"",
                    "1000000");
        }
    }

    @Inject
    Redis redis;

    @Test
    void tenThousandEventsLeaveOneHashOfTwoFieldsAndNothingPerEvent() {
        // given: event ids that all carry this run's id
        String run = UUID.randomUUID().toString();

        // when: 20 requests of 500 events each
        for (int request = 0; request < REQUESTS; request++) {
            int r = request;
            String body = Events.body(IntStream.range(0, EVENTS_PER_REQUEST)
                    .mapToObj(i -> Events.click("user-" + i).put("eventId", run + "-" + r + "-" + i))
                    .toList());
            Api.post(KEY, body).statusCode(202).body("accepted", equalTo(EVENTS_PER_REQUEST));
        }

        // then
        assertThat(keys("*" + APP + "*")).containsExactly(RedisKeys.rateLimit(APP));
        assertThat(send(Request.cmd(Command.HLEN).arg(RedisKeys.rateLimit(APP))).toLong())
                .isEqualTo(2);
        assertThat(keys("*" + run + "*")).isEmpty();
    }

    private List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        send(Request.cmd(Command.KEYS).arg(pattern)).forEach(key -> keys.add(key.toString()));
        return keys;
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(10));
    }
}
