package io.autoloop.router.service.experiment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.FastRolloutProfile;
import io.autoloop.router.testing.Registry;
import io.autoloop.router.testing.TestModels;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.autoloop.testing.TopicWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The controller against the real Kafka and Redis: arm stats published on {@code experiment.arm-stats} drive a +30 %
 * challenger through every step to promotion, and a −30 % one to a rollback; the aliases, the history and
 * {@code audit.log} follow.
 */
@QuarkusTest
@TestProfile(FastRolloutProfile.Isolated.class)
class ExperimentControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long IMPRESSIONS_PER_WINDOW = 50_000;

    @ConfigProperty(name = "router.model-name")
    String model;

    @Inject
    RedisDataSource redis;

    private Instant window = Instant.now();

    @Test
    void armStatsPromoteABetterChallengerAndRollBackAWorseOne() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minus(Duration.ofHours(3));
        Registry registry = new Registry(redis);
        TestModels.Built champion = TestModels.build(model, "1.0.0-" + suffix, t0);
        TestModels.Built better = TestModels.build(
                model, "1.1.0-" + suffix, t0.plus(Duration.ofHours(1)), TestModels.lineage("better-" + suffix));
        TestModels.Built worse = TestModels.build(
                model, "1.2.0-" + suffix, t0.plus(Duration.ofHours(2)), TestModels.lineage("worse-" + suffix));
        registry.publish(champion);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, champion.metadata());
        await().atMost(WAIT).until(() -> champion.metadata().version().equals(alias(Arm.CHAMPION)));

        // A +30 % challenger advances step by step and is promoted.
        registry.publish(better);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, better.metadata());
        String promoted = runUntilDone(better.metadata().version(), 0.065);

        JsonPath experiment =
                Api.experiment(promoted).then().statusCode(200).extract().jsonPath();
        assertThat(experiment.getString("phase")).isEqualTo("SUCCEEDED");
        assertThat(experiment.getList("history.action", String.class))
                .containsExactly("CREATE", "START", "ADVANCE", "ADVANCE", "ADVANCE", "PROMOTE", "COMPLETE");
        assertThat(experiment.getList("history.toWeight", Float.class))
                .containsExactly(0f, 5f, 10f, 25f, 50f, 100f, 100f);
        assertThat(experiment.getDouble("history[2].numbers.lift")).isBetween(0.2, 0.4);
        assertThat(experiment.getDouble("history[2].numbers.pValue")).isLessThanOrEqualTo(0.05);
        assertThat(experiment.getDouble("lift.lower")).isPositive();
        assertThat(alias(Arm.CHAMPION)).isEqualTo(better.metadata().version());
        assertThat(alias(Arm.CHALLENGER)).isNull();
        assertThat(retired())
                .as("the losing lineage stops training")
                .containsOnlyKeys(champion.metadata().lineage().id())
                .extractingByKey(champion.metadata().lineage().id())
                .asString()
                .contains(promoted, better.metadata().lineage().name());
        TopicReader<AuditEntry> auditLog = TopicReader.of(Topics.AUDIT_LOG);
        assertThat(auditLog.read(auditLog.beginningOffsets(), r -> r.hasKey(promoted), 7, WAIT))
                .extracting(r -> r.value().action())
                .containsExactly(
                        "experiment.create",
                        "experiment.start",
                        "experiment.advance",
                        "experiment.advance",
                        "experiment.advance",
                        "experiment.promote",
                        "experiment.complete");

        // A −30 % challenger is rolled back at its first step; the champion stays.
        registry.publish(worse);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, worse.metadata());
        String rolledBack = runUntilDone(worse.metadata().version(), 0.035);

        JsonPath failed =
                Api.experiment(rolledBack).then().statusCode(200).extract().jsonPath();
        assertThat(failed.getString("phase")).isEqualTo("ROLLED_BACK");
        assertThat(failed.getString("history[-1].reason")).contains("significantly worse");
        assertThat(alias(Arm.CHAMPION)).isEqualTo(better.metadata().version());
        assertThat(alias(Arm.CHALLENGER)).isNull();
        assertThat(retired())
                .containsOnlyKeys(
                        champion.metadata().lineage().id(),
                        worse.metadata().lineage().id())
                .extractingByKey(worse.metadata().lineage().id())
                .asString()
                .contains(rolledBack, "significantly worse");
        List<AuditEntry> audit = auditLog.read(auditLog.beginningOffsets(), r -> r.hasKey(rolledBack), 3, WAIT).stream()
                .map(TopicRecord::value)
                .toList();
        assertThat(audit.get(2).action()).isEqualTo("experiment.rollback");
        assertThat(audit.get(2).details()).containsKeys("lift", "pValue", "championImpressions");
    }

    /**
     * Plays the app and the analyzer for the experiment of {@code challenger}: a few rankings (so the router measures
     * the guardrails), then windows of both arms split by the current
     * weight (champion CTR 5 %, challenger {@code challengerCtr}), one at a time until the step changes, until the
     * experiment ends.
     */
    private String runUntilDone(String challenger, double challengerCtr) {
        await().atMost(WAIT).until(() -> "PROGRESSING".equals(view(challenger).getString("phase")));
        String id = view(challenger).getString("id");
        long[] champion = {0, 0};
        long[] challengerCounts = {0, 0};
        for (int windows = 0; windows < 40; windows++) {
            JsonPath current = view(challenger);
            String phase = current.getString("phase");
            if (!"PROGRESSING".equals(phase)) {
                return id;
            }
            int step = current.getInt("step");
            double share = current.getDouble("challengerWeight") / 100.0;
            long toChallenger = Math.round(IMPRESSIONS_PER_WINDOW * share);
            long toChampion = IMPRESSIONS_PER_WINDOW - toChallenger;
            long[] championWindow = {toChampion, Math.round(toChampion * 0.05)};
            long[] challengerWindow = {toChallenger, Math.round(toChallenger * challengerCtr)};
            champion[0] += championWindow[0];
            champion[1] += championWindow[1];
            challengerCounts[0] += challengerWindow[0];
            challengerCounts[1] += challengerWindow[1];
            Api.traffic(null, "controller-" + windows, 40);
            window = window.plusSeconds(60);
            publish(id, Arm.CHAMPION, championWindow, champion);
            publish(id, Arm.CHALLENGER, challengerWindow, challengerCounts);
            try {
                await().atMost(Duration.ofSeconds(4)).until(() -> {
                    JsonPath next = view(challenger);
                    return !"PROGRESSING".equals(next.getString("phase")) || next.getInt("step") != step;
                });
            } catch (ConditionTimeoutException stillAtTheStep) {
                // Not enough evidence yet: publish another window.
            }
        }
        return id;
    }

    private void publish(String experimentId, Arm arm, long[] inWindow, long[] cumulative) {
        TopicWriter.writeOne(
                Topics.EXPERIMENT_ARM_STATS,
                experimentId,
                new ArmStats(
                        ArmStats.SCHEMA_VERSION,
                        experimentId,
                        arm,
                        null,
                        inWindow[0],
                        inWindow[1],
                        cumulative[0],
                        cumulative[1],
                        window.minusSeconds(60),
                        window));
    }

    private JsonPath view(String challenger) {
        List<Map<String, Object>> all = given().header("Authorization", Api.ADMIN_KEY)
                .get("/v1/experiments")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return all.stream()
                .filter(e -> challenger.equals(e.get("challenger")))
                .findFirst()
                .map(e ->
                        Api.experiment(e.get("id").toString()).then().extract().jsonPath())
                .orElse(new JsonPath("{\"phase\": \"NONE\", \"step\": 0}"));
    }

    private Map<String, String> retired() {
        return redis.hash(String.class).hgetall(RedisKeys.retiredLineages(model));
    }

    private String alias(Arm arm) {
        return redis.value(String.class).get(RedisKeys.alias(model, arm));
    }
}
