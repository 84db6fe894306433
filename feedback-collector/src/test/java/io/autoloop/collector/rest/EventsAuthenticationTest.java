package io.autoloop.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.Metrics;
import io.autoloop.contracts.Problem;
import io.autoloop.testing.WithheldBody;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared credential check on {@code POST /v1/events}: what it answers, before the body, and how it is timed. */
@QuarkusTest
class EventsAuthenticationTest {

    static List<Arguments> withheldBodies() {
        return List.of(
                Arguments.of("no key, 100 kB announced", Map.of(), 100_000, 401),
                Arguments.of(
                        "an unknown key, 10 MB announced",
                        Map.of("Authorization", "Bearer not-a-key"),
                        10_000_000,
                        401),
                Arguments.of(
                        "the app's key, 10 MB announced",
                        Map.of("Authorization", "Bearer " + Api.DEMO_KEY),
                        10_000_000,
                        413));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("withheldBodies")
    void theRequestIsJudgedBeforeItsBodyIsRead(String caller, Map<String, String> headers, long announced, int status) {
        // Given a client that announces a body and never sends it
        // When it posts
        WithheldBody.Answer answer = WithheldBody.post("/v1/events", announced, headers);

        // Then the collector answers at once and closes the connection instead of waiting for the body
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.closed()).isTrue();
    }

    static List<Arguments> refusedCallers() {
        return List.of(
                Arguments.of(
                        "no key",
                        null,
                        "The request has no bearer token: send an app's API key as 'Authorization: Bearer <key>'."),
                Arguments.of(
                        "a Basic credential",
                        "Basic ZGVtbzprZXk=",
                        "The request has no bearer token: send an app's API key as 'Authorization: Bearer <key>'."),
                Arguments.of(
                        "an unknown key",
                        "Bearer not-a-key",
                        "The bearer token is not a key this service knows; check the key."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCallers")
    void aRefusalSaysWhatIsWrongWithTheCredential(String caller, String authorization, String detail) {
        var request = given().contentType("application/json").body(Events.body(List.of(Events.click("u"))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        request.post("/v1/events")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"autoloop\"")
                .body("instance", equalTo("/v1/events"))
                .body("detail", equalTo(detail))
                .body("errors[0].field", equalTo("Authorization"));
    }

    @Test
    void refusedKeysAreTimedLikeEveryOtherAnswer() {
        // Given the number of 401s timed so far
        double before = Metrics.value("autoloop_ingest_request_seconds_count", "status=\"401\"");

        // When a request with an unknown key is refused
        Api.post("not-a-key", Events.body(List.of(Events.click("u")))).statusCode(401);

        // Then its latency is recorded under its status
        assertThat(Metrics.value("autoloop_ingest_request_seconds_count", "status=\"401\""))
                .isEqualTo(before + 1);
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerKeyAndItsRefusal() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.apiKey.type", equalTo("http"))
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("paths.'/v1/events'.post.security[0].keySet()", hasItems("apiKey"))
                .body(
                        "paths.'/v1/events'.post.responses.'401'.description",
                        containsString("checked before the body is read"));
    }
}
