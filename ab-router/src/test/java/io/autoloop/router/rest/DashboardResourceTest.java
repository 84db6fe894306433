package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.autoloop.contracts.Problem;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.TrainerHealth;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.service.experiment.ExperimentService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dashboard's JSON and assets over HTTP, against the real Redis; the browser test drives the pages themselves. */
@QuarkusTest
class DashboardResourceTest {

    @ConfigProperty(name = "router.model-name")
    String model;

    @Inject
    RedisDataSource redis;

    @Inject
    RouterConfig config;

    @Test
    void theOverviewListsThisRoutersModelOnlyAndNeedsNoCredential() {
        // Given an experiment of this router's model and one of another model in the same Redis
        String mine = stored(model);
        String other = stored("another-model-" + UUID.randomUUID());

        // When the overview is read without any Authorization header
        List<String> ids = given().get("/v1/dashboard/experiments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("experiment.id", String.class);

        // Then it holds this model's experiment with its creation as latest transition, and not the other one
        assertThat(ids).contains(mine).doesNotContain(other);
        given().get("/v1/dashboard/experiments/" + mine)
                .then()
                .statusCode(200)
                .body("experiment.phase", equalTo("WAITING"))
                .body("weights.weight", contains(0.0f))
                .body("analyses", empty())
                .body("guardrailLimits.failuresToRollback", equalTo(3));
    }

    @Test
    void theOverviewIsPagedNewestFirstWithTheTotalAndTheLinksBesideIt() throws InterruptedException {
        // Given three more experiments of this router's model, created one after the other
        for (int i = 0; i < 3; i++) {
            stored(model);
            Thread.sleep(5);
        }
        List<String> all = given().get("/v1/dashboard/experiments?limit=" + PageRequest.MAX_LIMIT)
                .jsonPath()
                .getList("experiment.id", String.class);

        // When the first page of two is read, and then the page its next link names
        io.restassured.response.Response first = given().get("/v1/dashboard/experiments?limit=2");
        String next = first.header("Link").replaceAll("^<([^>]+)>; rel=\"next\".*$", "$1");
        io.restassured.response.Response second = given().get(next);

        // Then the pages hold the newest two and the two after them, with the total and the links between them
        first.then().statusCode(200).header("X-Total-Count", String.valueOf(all.size()));
        assertThat(first.jsonPath().getList("experiment.id", String.class)).isEqualTo(all.subList(0, 2));
        assertThat(next).isEqualTo("/v1/dashboard/experiments?limit=2&offset=2");
        assertThat(second.jsonPath().getList("experiment.id", String.class)).isEqualTo(all.subList(2, 4));
        assertThat(second.header("Link")).contains("</v1/dashboard/experiments?limit=2&offset=0>; rel=\"prev\"");
        assertThat(given().get("/v1/dashboard/experiments?offset=" + all.size())
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"limit=0, limit", "limit=201, limit", "limit=ten, limit", "offset=-1, offset", "offset=1.5, offset"})
    void aPageOutOfRangeIsAProblemNamingTheParameter(String query, String field) {
        given().get("/v1/dashboard/experiments?" + query)
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void theTrainingsAlertsComeFromTheRetrainersReportAndAMissingReportIsOne() {
        // Given no report on the training of this router's model, then the silence is the alert
        redis.key().del(RedisKeys.trainerHealth(model));
        given().get("/v1/dashboard/training")
                .then()
                .statusCode(200)
                .body("model", equalTo(model))
                .body("trainer", nullValue())
                .body("alerts.kind", contains("TRAINING_UNREPORTED"));

        // Given the retrainer reports a stall, then it is the alert, with the report as written
        Instant at = Instant.now();
        TrainerHealth stalled = new TrainerHealth(
                TrainerHealth.SCHEMA_VERSION,
                model,
                "4242@retrainer/test",
                TrainerHealth.State.STALLED,
                "No new sample has been learned for 200 s while records arrive (40 waiting).",
                at,
                at.plusSeconds(60),
                null,
                12_000,
                40,
                1,
                0);
        redis.value(String.class)
                .set(RedisKeys.trainerHealth(model), new String(ContractJson.write(stalled), StandardCharsets.UTF_8));
        try {
            given().get("/v1/dashboard/training")
                    .then()
                    .statusCode(200)
                    .body("trainer.state", equalTo("stalled"))
                    .body("trainer.lag", equalTo(40))
                    .body("trainer.nonFiniteUpdates", equalTo(1))
                    .body("alerts.kind", contains("TRAINING_STALLED"))
                    .body("alerts[0].message", startsWith("Training is stalled: No new sample"));
        } finally {
            redis.key().del(RedisKeys.trainerHealth(model));
        }
    }

    @Test
    void anUnknownExperimentIsA404Problem() {
        given().get("/v1/dashboard/experiments/no-such-experiment")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("id"))
                .body("detail", containsString("no-such-experiment"));
    }

    @ParameterizedTest
    @CsvSource({
        "/, text/html, dashboard.js",
        "/dashboard.js, text/javascript, /v1/dashboard/experiments",
        "/charts.js, text/javascript, createElementNS",
        "/dashboard.css, text/css, @media"
    })
    void everyAssetIsServedByTheRouterWithNothingFromElsewhere(String path, String type, String content) {
        String body = given().get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith(type))
                .extract()
                .asString();

        // The SVG namespace is a name, not an address the browser fetches.
        assertThat(body).contains(content);
        assertThat(body.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    private String stored(String modelName) {
        Rollout rollout = new Rollout(ExperimentService.policyOf(config));
        String id = modelName + "-1.1.0-" + UUID.randomUUID().toString().substring(0, 8);
        Experiment experiment = rollout.create(id, modelName, "1.0.0", "1.1.0", "seed", Instant.now(), "test");
        redis.value(String.class).set(RedisKeys.experiment(id), ExperimentRepository.write(experiment));
        redis.set(String.class).sadd(RedisKeys.EXPERIMENTS, id);
        return id;
    }
}
