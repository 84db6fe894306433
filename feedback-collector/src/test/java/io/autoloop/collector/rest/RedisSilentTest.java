package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.Metrics;
import io.autoloop.collector.testing.SilentRedisResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a Redis that never answers, requests wait out the Redis timeout only until the rate limit's circuit opens;
 * from then on they are answered without asking Redis, and the metrics show the opening and the requests decided
 * without Redis.
 */
@QuarkusTest
@WithTestResource(SilentRedisResource.class)
class RedisSilentTest {

    @Test
    void onceTheCircuitIsOpenRequestsNoLongerWaitForRedis() {
        // given: as many requests as the breaker judges Redis by, each waiting out the timeout
        double openedBefore = Metrics.value("ft_circuitbreaker_opened_total", "method=\"rate-limit\"");
        for (int i = 0; i < SilentRedisResource.BREAKER_REQUESTS; i++) {
            Api.post(Events.body(List.of(Events.click("slow-" + i)))).statusCode(202);
        }
        double circuitOpenBefore = Metrics.value("autoloop_ratelimit_local_total", "cause=\"circuit-open\"");

        // when
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            Api.post(Events.body(List.of(Events.click("fast-" + i)))).statusCode(202);
        }
        Duration tenRequests = Duration.ofNanos(System.nanoTime() - started);

        // then: ten requests took less time together than one call that waits for Redis
        assertThat(tenRequests).isLessThan(Duration.parse("PT" + SilentRedisResource.TIMEOUT));
        assertThat(Metrics.value("autoloop_ratelimit_local_total", "cause=\"circuit-open\""))
                .isEqualTo(circuitOpenBefore + 10);
        assertThat(Metrics.value("ft_circuitbreaker_opened_total", "method=\"rate-limit\""))
                .isEqualTo(openedBefore + 1);
    }
}
