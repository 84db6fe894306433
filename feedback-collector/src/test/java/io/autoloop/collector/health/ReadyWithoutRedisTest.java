package io.autoloop.collector.health;

import static org.hamcrest.Matchers.equalTo;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.testing.OutageRedis;
import io.autoloop.testing.OutageRedisResource;
import io.autoloop.testing.ReadinessChecks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Redis outage, with a Redis of the test's own that it stops: the collector stays ready and accepts events, and
 * reports Redis DOWN among its wellness checks.
 */
@QuarkusTest
@WithTestResource(OutageRedisResource.class)
class ReadyWithoutRedisTest {

    @OutageRedisResource.Server
    OutageRedis redis;

    @Test
    void whenRedisStopsTheCollectorStaysReadyAndAcceptsEventsAndReportsRedisUnwell() {
        // Given the collector with its Redis up: ready, well, accepting events
        ReadinessChecks.assertReady();
        ReadinessChecks.assertWell();
        Api.post(Events.body(List.of(Events.click("before-the-outage")))).statusCode(202);

        // When its Redis stops
        redis.stop();

        // Then Redis is reported DOWN under wellness, readiness stays UP, and events are still accepted
        ReadinessChecks.assertUnwellBecauseOf(RedisWellness.NAME);
        ReadinessChecks.assertReady();
        Api.post(Events.body(List.of(Events.click("during-the-outage"))))
                .statusCode(202)
                .body("accepted", equalTo(1));
    }
}
