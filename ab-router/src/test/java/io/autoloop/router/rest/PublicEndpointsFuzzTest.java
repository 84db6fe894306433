package io.autoloop.router.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.service.experiment.ExperimentService;
import io.autoloop.router.testing.Api;
import io.autoloop.testing.fuzz.ApiDocument;
import io.autoloop.testing.fuzz.BodyLimit;
import io.autoloop.testing.fuzz.Endpoint;
import io.autoloop.testing.fuzz.FuzzReport;
import io.autoloop.testing.fuzz.Fuzzer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public endpoint of the router under hostile requests (see {@code io.autoloop.testing.fuzz.Attack}): ranking,
 * the experiment admin API (reads and actions, on a stored experiment and an unknown one) and the dashboard reads.
 * Every answer is a 2xx or a problem+json 4xx. The count per endpoint is {@code -Dautoloop.fuzz.payloads} (the suite's
 * bounded run by default).
 */
@QuarkusTest
@TestProfile(PublicEndpointsFuzzTest.OwnModel.class)
class PublicEndpointsFuzzTest {

    private static final String APP_KEY = Api.APP_KEY.substring("Bearer ".length());
    private static final String ADMIN_KEY = Api.ADMIN_KEY.substring("Bearer ".length());

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    RouterConfig config;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POST /v1/rank",
                "POST /v1/experiments/{id}/{action}",
                "GET /v1/experiments",
                "GET /v1/experiments/{id}",
                "GET /v1/dashboard/experiments",
                "GET /v1/dashboard/experiments/{id}",
                "GET /v1/dashboard/models",
                "GET /v1/dashboard/training"
            })
    void everyHostileRequestIsAnsweredWithASuccessOrAProblemNeverAServerError(String route) throws Exception {
        // given the endpoint's valid request (an experiment of this router's model stored for the ones that take an id)
        Endpoint endpoint = endpoint(route);

        // when its hostile variants are sent
        FuzzReport report = Fuzzer.against(base).run(endpoint);

        // then each got a success or a problem naming what was wrong, with a status its API document lists, and the
        // valid ones succeeded
        report.assertEveryAnswerIsASuccessOrAProblem();
        ApiDocument.servedBy(base).assertDocumentsEveryAnswer(endpoint, report);
        assertThat(report.serverErrors()).isZero();
        assertThat(report.statuses().values())
                .anySatisfy(byStatus -> assertThat(byStatus.keySet()).anyMatch(status -> status / 100 == 2));
    }

    private Endpoint endpoint(String route) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        boolean admin = path.startsWith("/v1/experiments");
        Endpoint endpoint = Endpoint.of(
                "router " + route,
                method,
                path,
                admin ? ADMIN_KEY : APP_KEY,
                admin ? APP_KEY : ADMIN_KEY,
                BodyLimit.ofTheServiceUnderTest());
        if (path.contains("{id}")) {
            endpoint = endpoint.withPathValues("id", List.of(storedExperiment(), "no-such-experiment"));
        }
        if (path.contains("{action}")) {
            endpoint = endpoint.withPathValues("action", List.of("pause", "resume", "promote", "rollback"))
                    .withQueryValues("reason", List.of("fuzz", "checking%20dashboards"));
        }
        if (path.equals("/v1/rank")) {
            endpoint = endpoint.withBody(new ObjectMapper().valueToTree(Api.rankRequest("user-fuzz", 4, 3)));
        }
        return endpoint;
    }

    /**
     * A waiting experiment, the running one of this router's model (a model of this test class's own): the admin's
     * actions move it as they would a real one.
     */
    private String storedExperiment() {
        Rollout rollout = new Rollout(ExperimentService.policyOf(config));
        String id =
                config.modelName() + "-1.1.0-" + UUID.randomUUID().toString().substring(0, 8);
        Experiment experiment = rollout.create(id, config.modelName(), "1.0.0", "1.1.0", "seed", Instant.now(), "test");
        redis.value(String.class).set(RedisKeys.experiment(id), ExperimentRepository.write(experiment));
        redis.set(String.class).sadd(RedisKeys.EXPERIMENTS, id);
        redis.value(String.class).set(RedisKeys.runningExperiment(config.modelName()), id);
        return id;
    }

    /** A router of its own: a model no other test class shares, so its stored experiments disturb nobody. */
    public static class OwnModel implements QuarkusTestProfile {}
}
