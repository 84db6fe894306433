package io.autoloop.router.service.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.router.testing.AnalyzerStandIn;
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
import io.restassured.path.json.JsonPath;
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
 * version becomes the champion; a refresh of its lineage swaps in without an experiment; a refresh with negated
 * weights is reverted by the refresh guard once the analyzer's report shows its calibration and CTR collapsed, and is
 * not applied again; a challenger of another lineage whose bytes fail their checksum never serves; a good one gets its
 * first step, a refresh of its lineage swaps into the challenger arm of the same experiment, and its promotion swaps
 * the champion and retires the losing lineage; all without a single failed ranking.
 */
@QuarkusTest
@TestProfile(FastRolloutProfile.class)
class ModelHotSwapTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int REPORT_SAMPLES = 300;

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
        LineageRef champions = TestModels.lineage("champions-" + suffix);
        LineageRef challengers = TestModels.lineage("challengers-" + suffix);

        // Given a first version announced by the retrainer, which becomes the champion.
        TestModels.Built first = TestModels.build(model, "1.0.0-" + suffix, t0, champions);
        announce(registry, first);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Api.rank(Api.rankRequest("u", 5, 3))
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("modelVersion"))
                        .isEqualTo(first.metadata().version()));
        Api.rank(Api.rankRequest("u", 5, 3)).then().body("items[0].itemId", equalTo(TestModels.FAVOURITE));

        try (RankLoad load = new RankLoad(base, 4)) {
            // When a newer version of the champion's lineage is announced, it serves everyone at once.
            TestModels.Built refresh = TestModels.build(model, "1.1.0-" + suffix, t0.plusSeconds(60), champions);
            announce(registry, refresh);
            await().atMost(WAIT).until(() -> load.versions().containsKey("champion " + version(refresh)));
            assertThat(experimentOf(version(refresh)))
                    .as("a refresh starts no experiment")
                    .isNull();
            await().atMost(WAIT).until(() -> watches().isEmpty());

            // When the analyzer reports on it, and a refresh with negated weights is announced.
            AnalyzerStandIn analyzer = new AnalyzerStandIn(first.snapshot());
            ErrorReport baseline = analyzer.report(version(refresh), REPORT_SAMPLES);
            TopicWriter.writeOne(Topics.ANALYSIS_REPORTS, baseline.modelVersion(), baseline);
            await().atMost(WAIT).until(() -> reportSeen(version(refresh)));
            TestModels.Built negated = TestModels.negated(model, "1.2.0-" + suffix, t0.plusSeconds(120), champions);
            announce(registry, negated);
            await().atMost(WAIT).until(() -> load.versions().containsKey("champion " + version(negated)));

            // Then once the analyzer reports its collapse, the guard reverts the champion to the previous version.
            ErrorReport collapse = analyzer.report(version(negated), REPORT_SAMPLES);
            assertThat(collapse.observedCtr()).isLessThan(baseline.observedCtr() / 2);
            TopicWriter.writeOne(Topics.ANALYSIS_REPORTS, collapse.modelVersion(), collapse);
            await().atMost(WAIT).until(() -> version(refresh).equals(alias(Arm.CHAMPION)));
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(Api.rank(Api.rankRequest("after-revert", 5, 1))
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .<String>path("modelVersion"))
                            .isEqualTo(version(refresh)));
            assertThat(redis.hash(String.class).hgetall(RedisKeys.refreshReverted(model)))
                    .containsOnlyKeys(version(negated));
            JsonPath revert = JsonPath.from(redis.list(String.class).lindex(RedisKeys.refreshHistory(model), -1));
            assertThat(revert.getString("kind")).isEqualTo("REVERT");
            assertThat(revert.getString("from")).isEqualTo(version(negated));
            assertThat(revert.getString("to")).isEqualTo(version(refresh));
            assertThat(revert.getString("reason")).contains("miscalibrated");
            assertThat(revert.getDouble("numbers.calibration")).isLessThan(0.8);
            assertThat(revert.getDouble("numbers.baselineCtr")).isCloseTo(baseline.observedCtr(), within(1e-6));

            // And announced again (before the next version, so it is settled first), it is not applied again.
            TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, negated.metadata());

            // When a challenger of another lineage whose bytes do not match its checksum is announced.
            TestModels.Built broken =
                    TestModels.build(model, "2.0.0-" + suffix, t0.plus(Duration.ofHours(1)), challengers);
            byte[] tampered = Arrays.copyOf(broken.bytes(), broken.bytes().length);
            tampered[tampered.length - 9] ^= 0x7f;
            registry.publish(model, version(broken), tampered, broken);
            TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, broken.metadata());

            // Then its experiment is rolled back without it ever serving, and the reverted version stayed reverted.
            await().atMost(WAIT).until(() -> "ROLLED_BACK".equals(phaseOf(version(broken))));
            assertThat(alias(Arm.CHAMPION)).isEqualTo(version(refresh));

            // When a good challenger is announced, it gets its first step.
            TestModels.Built good =
                    TestModels.build(model, "2.1.0-" + suffix, t0.plus(Duration.ofHours(2)), challengers);
            announce(registry, good);
            await().atMost(WAIT).until(() -> load.versions().containsKey("challenger " + version(good)));
            String experimentId = experimentOf(version(good)).get("id").toString();

            // And a refresh of its lineage swaps into the challenger arm of the same experiment.
            TestModels.Built fresher = TestModels.build(
                    model, "2.2.0-" + suffix, t0.plus(Duration.ofHours(2)).plusSeconds(60), challengers);
            announce(registry, fresher);
            await().atMost(WAIT).until(() -> load.versions().containsKey("challenger " + version(fresher)));
            JsonPath experiment = Api.experiment(experimentId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(experiment.getString("phase")).isEqualTo("PROGRESSING");
            assertThat(experiment.getString("challenger")).isEqualTo(version(fresher));
            assertThat(experiment.getList("history.action", String.class))
                    .containsExactly("CREATE", "START", "REFRESH");
            assertThat(experiment.getMap("history[2].numbers"))
                    .containsEntry("arm", "challenger")
                    .containsEntry("from", version(good))
                    .containsEntry("to", version(fresher));

            // And once an admin promotes it, it serves everyone as the champion and the champions' lineage retires.
            given().header("Authorization", Api.ADMIN_KEY)
                    .post("/v1/experiments/" + experimentId + "/promote")
                    .then()
                    .statusCode(200)
                    .body("phase", equalTo("SUCCEEDED"));
            await().atMost(WAIT).until(() -> load.versions().containsKey("champion " + version(fresher)));
            assertThat(redis.hash(String.class).hgetall(RedisKeys.retiredLineages(model)))
                    .containsOnlyKeys(champions.id());
            long before = load.ok();
            await().atMost(WAIT).until(() -> load.ok() > before + 200);
            load.close();

            assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
            assertThat(load.ok()).isGreaterThan(200);
            assertThat(load.versions().keySet())
                    .noneMatch(seen -> seen.contains(version(broken)))
                    .contains(
                            "champion " + version(first),
                            "champion " + version(refresh),
                            "champion " + version(negated),
                            "challenger " + version(good));
        }
    }

    private void announce(Registry registry, TestModels.Built built) {
        registry.publish(built);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, built.metadata());
    }

    private static String version(TestModels.Built built) {
        return built.metadata().version();
    }

    private String alias(Arm arm) {
        return redis.value(String.class).get(RedisKeys.alias(model, arm));
    }

    private Map<String, String> watches() {
        return redis.hash(String.class).hgetall(RedisKeys.refreshWatches(model));
    }

    private boolean reportSeen(String version) {
        List<Map<String, Object>> versions = given().get("/v1/dashboard/models")
                .then()
                .statusCode(200)
                .extract()
                .path("versions");
        return versions.stream().anyMatch(card -> version.equals(card.get("version")) && card.get("report") != null);
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
