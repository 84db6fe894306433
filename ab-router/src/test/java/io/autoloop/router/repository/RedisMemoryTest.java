package io.autoloop.router.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The Redis memory gauges on the local stack's Redis: what {@code /q/metrics} says is what Redis says. */
@QuarkusTest
class RedisMemoryTest {

    @Inject
    RedisMemory memory;

    @Inject
    RedisDataSource redis;

    @Test
    void theGaugesSayHowMuchRedisHoldsAndItsLimit() {
        // given Redis's own limit
        long limit = Long.parseLong(
                redis.execute("CONFIG", "GET", "maxmemory").get("maxmemory").toString());

        // when the router samples it
        memory.sample();
        String metrics = given().get("/q/metrics").asString();

        // then the gauges carry the limit, some bytes in use, and their ratio when there is a limit
        assertThat(gauge(metrics, "autoloop_redis_memory_max_bytes")).hasValue(limit);
        assertThat(gauge(metrics, "autoloop_redis_memory_used_bytes").orElseThrow())
                .isPositive();
        double ratio = gauge(metrics, "autoloop_redis_memory_used_ratio").orElseThrow();
        if (limit == 0) {
            assertThat(ratio).isNaN();
        } else {
            assertThat(ratio).isBetween(0.0, 1.0);
        }
    }

    private static OptionalDouble gauge(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
