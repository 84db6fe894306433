package io.autoloop.analyzer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.testing.fuzz.ApiDocument;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's OpenAPI document names every status its two queries answer: each status is provoked with a real
 * request and looked up in the document the service serves.
 */
@QuarkusTest
class ApiDocumentTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyStatusTheReportQueryAnswersIsDocumented() throws Exception {
        // given the statuses of a valid query (once the stores serve: 503 until then), a query without modelVersion and
        // one with a credential
        await().atMost(Duration.ofSeconds(60))
                .until(() -> given().queryParam("modelVersion", "1.0.0")
                                .get("/v1/reports")
                                .statusCode()
                        != 503);
        Set<Integer> answered = Set.of(
                given().queryParam("modelVersion", "1.0.0").get("/v1/reports").statusCode(),
                given().get("/v1/reports").statusCode(),
                given().header("Authorization", "Bearer a-key")
                        .get("/v1/reports")
                        .statusCode());

        // then they are 200, 400 and 401, all in the document with the 503 of the stores not serving
        assertThat(answered).containsExactlyInAnyOrder(200, 400, 401);
        assertThat(ApiDocument.servedBy(base).statuses("GET", "/v1/reports"))
                .containsAll(answered)
                .contains(503);
    }

    @Test
    void everyStatusTheArmStatsQueryAnswersIsDocumented() throws Exception {
        // given the statuses of a query for an unknown experiment and one with a credential
        Set<Integer> answered = Set.of(
                given().get("/v1/experiments/{id}/arm-stats", "no-such-experiment")
                        .statusCode(),
                given().header("Authorization", "Bearer a-key")
                        .get("/v1/experiments/{id}/arm-stats", "no-such-experiment")
                        .statusCode());

        // then they are 404 and 401, both in the document, with the 200 of a counted experiment
        assertThat(answered).containsExactlyInAnyOrder(404, 401);
        assertThat(ApiDocument.servedBy(base).statuses("GET", "/v1/experiments/{id}/arm-stats"))
                .containsAll(answered)
                .contains(200);
    }
}
