package io.autoloop.router.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.Registry;
import io.autoloop.router.testing.TestModels;
import io.autoloop.testing.OutageRedis;
import io.autoloop.testing.OutageRedisResource;
import io.autoloop.testing.ReadinessChecks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A Redis outage, with a Redis of the test's own that it stops: the router stays ready and ranks with the model it
 * loaded, and reports Redis DOWN among its wellness checks.
 */
@QuarkusTest
@WithTestResource(OutageRedisResource.class)
class ReadyToRankWithoutRedisTest {

    @OutageRedisResource.Server
    OutageRedis server;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "router.model-name")
    String model;

    @Test
    void whenRedisStopsTheRouterStaysReadyAndRanksWithTheModelItLoaded() {
        // Given a version published in the router's Redis, loaded and ranking
        TestModels.Built version =
                TestModels.build(model, "1.0.0", Instant.now().minus(Duration.ofMinutes(1)));
        new Registry(redis).publish(version);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(Api.rank(Api.rankRequest("before", 5, 3))
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("modelVersion"))
                        .isEqualTo("1.0.0"));
        ReadinessChecks.assertWell();

        // When its Redis stops
        server.stop();

        // Then Redis is reported DOWN under wellness, readiness stays UP, and the loaded version still ranks
        ReadinessChecks.assertUnwellBecauseOf(RedisWellness.NAME);
        ReadinessChecks.assertReady();
        Api.rank(Api.rankRequest("during", 5, 3)).then().statusCode(200).body("modelVersion", equalTo("1.0.0"));
    }
}
