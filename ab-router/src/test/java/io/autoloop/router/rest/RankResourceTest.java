package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.router.testing.Api;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.autoloop.testing.WithheldBody;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v1/rank} before any model exists: authentication, validation and the decision log. */
@QuarkusTest
class RankResourceTest {

    private static final String SECRET = "autoloop-dev-pseudonymization-secret";

    @Test
    void withoutAModelTheCandidatesKeepTheirOrderAndTheResponseSaysSo() {
        Api.rank(Api.rankRequest("user-1", 4, 3))
                .then()
                .statusCode(200)
                .body("modelVersion", nullValue())
                .body("experimentId", nullValue())
                .body("arm", equalTo("champion"))
                .body("items.itemId", contains("other-0", "other-1", "other-2"))
                .body("items.position", contains(1, 2, 3))
                .body("items[0].score", nullValue());
    }

    @Test
    void theDecisionIsLoggedWithThePseudonymousUserAndTheFeaturesUsed() {
        TopicReader<Decision> decisions = TopicReader.of(Topics.SERVING_DECISIONS);
        Offsets start = decisions.endOffsets();
        String userId = "user-" + UUID.randomUUID();
        String decisionId = Api.rank(Api.rankRequest(userId, 3, 2))
                .then()
                .statusCode(200)
                .extract()
                .path("decisionId");

        List<TopicRecord<Decision>> logged =
                decisions.read(start, r -> r.hasKey(decisionId), 1, Duration.ofSeconds(30));

        assertThat(logged).singleElement().satisfies(record -> {
            Decision decision = record.value();
            String pseudonym = new Pseudonymizer(SECRET).pseudonymize("demo", userId);
            assertThat(decision.userId()).isEqualTo(pseudonym);
            assertThat(decision.arm()).isEqualTo(Arm.CHAMPION);
            assertThat(decision.modelVersion()).isNull();
            assertThat(decision.items()).hasSize(2);
            assertThat(decision.items().get(0).propensity()).isEqualTo(1.0);
            assertThat(decision.items().get(0).features())
                    .containsEntry("user", Map.of("country", "fr", "id", pseudonym))
                    .containsEntry("context", Map.of("device", "mobile", "hour", 21))
                    .containsEntry("item", Map.of("category", "c0", "price", 9.5, "id", "other-0"));
            assertThat(record.value().toString()).doesNotContain(userId);
        });
    }

    @Test
    void aRequestWithoutAKnownKeyIsUnauthorizedAndToldWhatIsMissing() {
        given().contentType(ContentType.JSON)
                .body(Api.rankRequest("u", 2, 1))
                .post("/v1/rank")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"autoloop\"")
                .body("title", equalTo("Unauthorized"))
                .body(
                        "detail",
                        equalTo("The request has no bearer token: send an app's API key as"
                                + " 'Authorization: Bearer <key>'."));
        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body(Api.rankRequest("u", 2, 1))
                .post("/v1/rank")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"autoloop\"")
                .body("detail", equalTo("The bearer token is not a key this service knows; check the key."));
    }

    @Test
    void theAdminKeyMayNotRank() {
        given().header("Authorization", Api.ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(Api.rankRequest("u", 2, 1))
                .post("/v1/rank")
                .then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Forbidden"))
                .body(
                        "detail",
                        equalTo("This endpoint needs an app's API key, but the bearer token is the admin key of"
                                + " 'admin'."));
    }

    static List<Arguments> callersWithoutAnAppKey() {
        return List.of(
                Arguments.of("no key", Map.of(), 401),
                Arguments.of("an unknown key", Map.of("Authorization", "Bearer wrong"), 401),
                Arguments.of("the admin key", Map.of("Authorization", Api.ADMIN_KEY), 403));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("callersWithoutAnAppKey")
    void theKeyIsJudgedBeforeTheBodyIsRead(String caller, Map<String, String> headers, int status) {
        // Given a client that announces a 1 MB ranking request (within the body limit) and never sends it
        // When it posts without an app key
        WithheldBody.Answer answer = WithheldBody.post("/v1/rank", 1_000_000, headers);

        // Then it is refused at once and the connection closed: the router did not wait for the body
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void invalidRequestsNameEveryOffendingField() {
        Map<String, Object> request = Map.of(
                "userId",
                " ",
                "limit",
                0,
                "candidates",
                List.of(
                        Map.of("itemId", "a", "features", Map.of("nested", Map.of("x", 1))),
                        Map.of("itemId", "a"),
                        Map.of("features", Map.of())));

        Api.rank(request)
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body(
                        "errors.field",
                        contains(
                                "userId",
                                "limit",
                                "candidates[0].features.nested",
                                "candidates[1].itemId",
                                "candidates[2].itemId"));
    }

    @Test
    void noCandidatesOrTooManyAreRejected() {
        Api.rank(Map.of("userId", "u", "candidates", List.of()))
                .then()
                .statusCode(400)
                .body("errors.field", contains("candidates"));
        Api.rank(Api.rankRequest("u", 1_001, 10))
                .then()
                .statusCode(400)
                .body(
                        "errors[0].message",
                        equalTo("A ranking request takes at most 1000 candidates, but it has 1001."));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        given().header("Authorization", Api.APP_KEY)
                .contentType(ContentType.JSON)
                .body("{\"userId\": \"u\", \"candidates\": [")
                .post("/v1/rank")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", Api.APP_KEY)
                .contentType(ContentType.JSON)
                .body("{\"userId\": \"u\", \"candidates\": \"many\"}")
                .post("/v1/rank")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("candidates"));
    }

    @Test
    void theDisabledBenchmarkEchoAnswers404WithoutReadingTheBody() {
        // Given a client that declares a ranking request of 1,000 bytes and withholds it
        WithheldBody.Answer answer = WithheldBody.post("/bench/echo", 1_000, Map.of("Authorization", Api.APP_KEY));

        // Then it hears the 404 problem all the same: nothing waited for the body, let alone parsed it
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.body()).contains("router.bench.echo-enabled");
    }

    @Test
    void theBenchmarkEchoIsOffByDefault() {
        given().contentType(ContentType.JSON)
                .body(Api.rankRequest("u", 2, 1))
                .post("/bench/echo")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
    }
}
