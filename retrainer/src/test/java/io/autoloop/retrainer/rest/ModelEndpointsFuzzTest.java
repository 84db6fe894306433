package io.autoloop.retrainer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.retrainer.UniqueModel;
import io.autoloop.testing.fuzz.ApiDocument;
import io.autoloop.testing.fuzz.BodyLimit;
import io.autoloop.testing.fuzz.Endpoint;
import io.autoloop.testing.fuzz.FuzzReport;
import io.autoloop.testing.fuzz.Fuzzer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint of the model registry under hostile requests (see {@code io.autoloop.testing.fuzz.Attack}): the
 * lists, one version's metadata and weights, and the admin's publish. Every answer is a 2xx or a problem+json 4xx. The
 * count per endpoint is {@code -Dautoloop.fuzz.payloads} (the suite's bounded run by default).
 */
@QuarkusTest
@WithTestResource(UniqueModel.class)
@TestProfile(ModelEndpointsFuzzTest.OwnModel.class)
class ModelEndpointsFuzzTest {

    private static final String ADMIN_KEY = "autoloop-dev-admin-key";
    private static final String APP_KEY = "autoloop-dev-key";

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void initialVersionIsPublishedAndTheTrainerActive() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/v1/models/1.1.0").statusCode() == 200
                        && "active".equals(given().get("/v1/models").jsonPath().getString("trainer.role")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /v1/models",
                "GET /v1/models/candidates",
                "GET /v1/models/{version}",
                "GET /v1/models/{version}/weights",
                "POST /v1/models/publish"
            })
    void everyHostileRequestIsAnsweredWithASuccessOrAProblemNeverAServerError(String route) throws Exception {
        // given the endpoint's valid request (version 1.1.0 exists once the trainer is active)
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        Endpoint endpoint =
                Endpoint.of("retrainer " + route, method, path, ADMIN_KEY, APP_KEY, BodyLimit.ofTheServiceUnderTest());
        if (path.contains("{version}")) {
            endpoint = endpoint.withPathValues("version", List.of("1.1.0", "9.9.9"));
        }
        if (method.equals("GET") && !path.contains("{version}")) {
            endpoint = endpoint.withQueryValues("limit", List.of("10", "1000"));
        }

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

    /**
     * A retrainer of its own (a new application, so {@link UniqueModel} gives it a new model): its hundreds of publishes
     * fill the gate's history, which {@code ModelResourceTest} reads.
     */
    public static class OwnModel implements QuarkusTestProfile {}
}
