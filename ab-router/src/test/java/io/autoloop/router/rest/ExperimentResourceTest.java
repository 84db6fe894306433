package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.service.experiment.ExperimentService;
import io.autoloop.router.testing.Api;
import io.autoloop.router.testing.IsolatedModelProfile;
import io.autoloop.router.testing.Registry;
import io.autoloop.router.testing.TestModels;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The admin API: credentials, listing and showing experiments, and the manual transitions with their refusals (an
 * unknown experiment, another model's experiment, a transition the phase does not allow).
 */
@QuarkusTest
@TestProfile(IsolatedModelProfile.class)
class ExperimentResourceTest {

    @ConfigProperty(name = "router.model-name")
    String model;

    @Inject
    RedisDataSource redis;

    @Inject
    RouterConfig config;

    @Test
    void theAdminApiNeedsTheAdminKey() {
        given().get("/v1/experiments")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", startsWith("Bearer realm="))
                .body(
                        "detail",
                        equalTo(
                                "The request has no bearer token: send the admin key as 'Authorization: Bearer <key>'."));
        given().header("Authorization", "Bearer not-the-admin-key")
                .post("/v1/experiments/any/rollback")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anAppKeyIsForbiddenTheAdminApi() {
        given().header("Authorization", Api.APP_KEY)
                .get("/v1/experiments")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(403))
                .body(
                        "detail",
                        equalTo("This endpoint needs the admin key, but the bearer token is the API key of app"
                                + " 'demo'."));
        given().header("Authorization", Api.APP_KEY)
                .post("/v1/experiments/any/rollback")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anUnknownExperimentIsNotFound() {
        Api.experiment("no-such-experiment")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("id"));
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/no-such-experiment/pause")
                .then()
                .statusCode(404);
    }

    @Test
    void anActionOnAnotherModelsExperimentIsAConflictNamingTheRouterToAsk() {
        // Given the running experiment of another model in the same Redis
        String otherModel = "another-model-" + UUID.randomUUID().toString().substring(0, 8);
        String id = otherModel + "-1.1.0";
        Experiment experiment = new Rollout(ExperimentService.policyOf(config))
                .create(id, otherModel, "1.0.0", "1.1.0", "seed", Instant.now(), "test");
        redis.value(String.class).set(RedisKeys.experiment(id), ExperimentRepository.write(experiment));
        redis.set(String.class).sadd(RedisKeys.EXPERIMENTS, id);
        redis.value(String.class).set(RedisKeys.runningExperiment(otherModel), id);

        // When an admin asks this router to roll it back, then it refuses and leaves it as it was
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/" + id + "/rollback")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("id"))
                .body(
                        "detail",
                        equalTo("Experiment '" + id + "' tests model " + otherModel + ", but this router runs the"
                                + " experiments of " + model + "; send the action to a router of " + otherModel
                                + "."));
        Api.experiment(id).then().statusCode(200).body("phase", equalTo("WAITING"));
    }

    @Test
    void anAdminPausesResumesAndRollsBackAnExperimentAndEachStepIsRecorded() {
        // Given a champion and a challenger that gets its first step.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        Registry registry = new Registry(redis);
        TestModels.Built champion = TestModels.build(model, "2.0.0-" + suffix, t0);
        TestModels.Built challenger = TestModels.build(
                model, "2.1.0-" + suffix, t0.plus(Duration.ofHours(1)), TestModels.lineage("challenger-" + suffix));
        registry.publish(champion);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, champion.metadata());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> champion.metadata()
                        .version()
                        .equals(Api.rank(Api.rankRequest("u", 3, 1))
                                .then()
                                .extract()
                                .path("modelVersion")));
        registry.publish(challenger);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, challenger.metadata());
        String id = await().atMost(Duration.ofSeconds(60)).until(() -> progressingId(challenger), v -> v != null);

        // When an admin pauses and tries to resume twice, and the named admin alice rolls back.
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/" + id + "/pause?reason=checking dashboards")
                .then()
                .statusCode(200)
                .body("phase", equalTo("PAUSED"))
                .body("challengerWeight", equalTo(5.0f));
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/" + id + "/resume")
                .then()
                .statusCode(200)
                .body("phase", equalTo("PROGRESSING"));
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/" + id + "/resume")
                .then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", startsWith("Experiment " + id + " is progressing and cannot be resumed"));
        given().header("Authorization", Api.ALICE_KEY)
                .post("/v1/experiments/" + id + "/rollback")
                .then()
                .statusCode(200)
                .body("phase", equalTo("ROLLED_BACK"))
                .body("challengerWeight", equalTo(0.0f));

        // Then the history, the list and the audit log show every step, and the champion serves everyone.
        Api.experiment(id)
                .then()
                .statusCode(200)
                .body("history.action", contains("CREATE", "START", "PAUSE", "RESUME", "ROLLBACK"))
                .body("history[2].actor", equalTo("admin"))
                .body("history[2].reason", equalTo("Paused by admin: checking dashboards"))
                .body("history[4].actor", equalTo("alice"))
                .body("arms.arm", contains("champion", "challenger"))
                .body("arms[0].version", equalTo(champion.metadata().version()));
        given().header("Authorization", Api.ADMIN_KEY)
                .get("/v1/experiments")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));
        given().header("Authorization", Api.ADMIN_KEY)
                .post("/v1/experiments/" + id + "/promote")
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("Experiment " + id + " is already rolled back; it accepts no further changes."));
        TopicReader<AuditEntry> auditLog = TopicReader.of(Topics.AUDIT_LOG);
        assertThat(auditLog.read(auditLog.beginningOffsets(), r -> r.hasKey(id), 5, Duration.ofSeconds(30)))
                .extracting(r -> r.value().actor())
                .containsExactly("controller", "controller", "admin", "admin", "alice");
    }

    private String progressingId(TestModels.Built challenger) {
        List<Map<String, Object>> experiments = given().header("Authorization", Api.ADMIN_KEY)
                .get("/v1/experiments")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return experiments.stream()
                .filter(e -> challenger.metadata().version().equals(e.get("challenger")))
                .filter(e -> "PROGRESSING".equals(e.get("phase")))
                .map(e -> e.get("id").toString())
                .findFirst()
                .orElse(null);
    }
}
