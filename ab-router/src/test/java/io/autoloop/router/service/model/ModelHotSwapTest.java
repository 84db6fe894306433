package io.autoloop.router.service.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.contracts.Topics;
import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.FastRolloutProfile;
import io.autoloop.router.testing.RankLoad;
import io.autoloop.router.testing.Registry;
import io.autoloop.router.testing.TestModels;
import io.autoloop.testing.TopicWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Hot swaps with the real Kafka and Redis of the local stack while four threads keep ranking: the first announced
 * version becomes the champion, a challenger whose bytes fail their checksum never serves, a good challenger gets its
 * first step, and its promotion swaps the champion, all without a single failed request.
 */
@QuarkusTest
@TestProfile(FastRolloutProfile.class)
class ModelHotSwapTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "router.model-name")
    String model;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URI base;

    @Test
    void modelsSwapUnderLoadWithoutAFailedRequestAndABrokenVersionNeverServes() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minus(Duration.ofHours(3));
        Registry registry = new Registry(redis);

        // Given a first version announced by the retrainer, which becomes the champion.
        TestModels.Built first = TestModels.build(model, "1.0.0-" + suffix, t0);
        registry.publish(first);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, first.metadata());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Api.rank(Api.rankRequest("u", 5, 3))
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("modelVersion"))
                        .isEqualTo(first.metadata().version()));
        Api.rank(Api.rankRequest("u", 5, 3)).then().body("items[0].itemId", equalTo(TestModels.FAVOURITE));

        try (RankLoad load = new RankLoad(base, 4)) {
            // When a challenger whose bytes do not match its checksum is announced.
            TestModels.Built broken = TestModels.build(model, "1.1.0-" + suffix, t0.plus(Duration.ofHours(1)));
            byte[] tampered = Arrays.copyOf(broken.bytes(), broken.bytes().length);
            tampered[tampered.length - 9] ^= 0x7f;
            registry.publish(model, broken.metadata().version(), tampered, broken);
            TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, broken.metadata());

            // Then its experiment is rolled back without it ever serving.
            await().atMost(WAIT)
                    .until(() -> "ROLLED_BACK".equals(phaseOf(broken.metadata().version())));

            // When a good challenger is announced, it gets its first step.
            TestModels.Built good = TestModels.build(model, "1.2.0-" + suffix, t0.plus(Duration.ofHours(2)));
            registry.publish(good);
            TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, good.metadata());
            await().atMost(WAIT)
                    .until(() -> load.versions()
                            .containsKey("challenger " + good.metadata().version()));

            // And once an admin promotes it, it serves everyone as the champion.
            String experimentId =
                    experimentOf(good.metadata().version()).get("id").toString();
            given().header("Authorization", Api.ADMIN_KEY)
                    .post("/v1/experiments/" + experimentId + "/promote")
                    .then()
                    .statusCode(200)
                    .body("phase", equalTo("SUCCEEDED"));
            await().atMost(WAIT)
                    .until(() -> load.versions()
                            .containsKey("champion " + good.metadata().version()));
            long before = load.ok();
            await().atMost(WAIT).until(() -> load.ok() > before + 200);
            load.close();

            assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
            assertThat(load.ok()).isGreaterThan(200);
            assertThat(load.versions().keySet())
                    .noneMatch(seen -> seen.contains(broken.metadata().version()))
                    .contains("champion " + first.metadata().version());
        }
    }

    private String phaseOf(String challenger) {
        Map<String, Object> experiment = experimentOf(challenger);
        return experiment == null ? null : experiment.get("phase").toString();
    }

    private Map<String, Object> experimentOf(String challenger) {
        List<Map<String, Object>> experiments = given().header("Authorization", Api.ADMIN_KEY)
                .get("/v1/experiments")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return experiments.stream()
                .filter(e -> challenger.equals(e.get("challenger")))
                .findFirst()
                .orElse(null);
    }
}
