package io.autoloop.router.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.autoloop.contracts.Problem;
import io.autoloop.router.testing.Api;
import io.autoloop.testing.OversizedBody;
import io.autoloop.testing.OversizedBody.Framing;
import io.autoloop.testing.WithheldBody;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile ranking requests through HTTP: each is answered with a 4xx problem naming the field, never a 5xx, before
 * anything is scored or logged.
 */
@QuarkusTest
class RankLimitsTest {

    private static final String ONE_CANDIDATE = "\"candidates\": [{\"itemId\": \"a\"}]";

    private static String withFeature(String value) {
        return "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\", \"features\": {\"quality\": " + value + "}}]}";
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static List<Arguments> refused() {
        String manyKeys = IntStream.range(0, 100_000)
                .mapToObj(i -> "\"k" + i + "\": 1")
                .collect(Collectors.joining(",", "{", "}"));
        String manyCandidates = IntStream.range(0, 100)
                .mapToObj(i -> "{\"itemId\": \"i" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        String wideUser = IntStream.range(0, 100)
                .mapToObj(i -> "\"f" + i + "\": \"" + "v".repeat(100) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        return List.of(
                Arguments.of("userId an object", "{\"userId\": {\"id\": 1}, " + ONE_CANDIDATE + "}", 400, "userId"),
                Arguments.of("candidates a string", "{\"userId\": \"u\", \"candidates\": \"all\"}", 400, "candidates"),
                Arguments.of(
                        "limit NaN spelled as a string",
                        "{\"userId\": \"u\", " + ONE_CANDIDATE + ", \"limit\": \"NaN\"}",
                        400,
                        "limit"),
                Arguments.of(
                        "features an array",
                        "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\"," + " \"features\": [1]}]}",
                        400,
                        "candidates[0].features"),
                Arguments.of("a feature of 1e308", withFeature("1e308"), 400, "candidates[0].features.quality"),
                Arguments.of("a feature of 1e200", withFeature("1e200"), 400, "candidates[0].features.quality"),
                Arguments.of("a feature of -1e10", withFeature("-1e10"), 400, "candidates[0].features.quality"),
                Arguments.of("a feature of 1e400", withFeature("1e400"), 400, "candidates[0].features.quality"),
                Arguments.of(
                        "a feature nested 50 deep", withFeature(nested(50)), 400, "candidates[0].features.quality"),
                Arguments.of(
                        "a feature of 100 KB",
                        withFeature("\"" + "x".repeat(100_000) + "\""),
                        400,
                        "candidates[0].features.quality"),
                Arguments.of(
                        "a user of 100,000 keys",
                        "{\"userId\": \"u\", \"user\": " + manyKeys + ", " + ONE_CANDIDATE + "}",
                        400,
                        "user"),
                Arguments.of(
                        "a userId of 100 KB",
                        "{\"userId\": \"" + "u".repeat(100_000) + "\", " + ONE_CANDIDATE + "}",
                        400,
                        "userId"),
                Arguments.of(
                        "a userId with a lone surrogate",
                        "{\"userId\": \"u\\ud800\", " + ONE_CANDIDATE + "}",
                        400,
                        "userId"),
                Arguments.of(
                        "an itemId with NUL",
                        "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"a\\u0000b\"}]}",
                        400,
                        "candidates[0].itemId"),
                Arguments.of(
                        "an itemId of 200 characters",
                        "{\"userId\": \"u\", \"candidates\": [{\"itemId\": \"" + "i".repeat(200) + "\"}]}",
                        400,
                        "candidates[0].itemId"),
                Arguments.of(
                        "a limit of 1,000",
                        "{\"userId\": \"u\", " + ONE_CANDIDATE + ", \"limit\": 1000}",
                        400,
                        "limit"),
                Arguments.of(
                        "100 slots of a 10 kB user",
                        "{\"userId\": \"u\", \"user\": " + wideUser + ", \"candidates\": " + manyCandidates
                                + ", \"limit\": 100}",
                        413,
                        "limit"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("refused")
    void aRequestOutsideTheRulesIsAProblemNamingTheField(String name, String body, int status, String field) {
        given().header("Authorization", Api.APP_KEY)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/rank")
                .then()
                .statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    @Test
    void aFeatureNestedBeyondTheParsersDepthIsABadRequest() {
        given().header("Authorization", Api.APP_KEY)
                .contentType(ContentType.JSON)
                .body(withFeature(nested(5_000)))
                .post("/v1/rank")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void nanSpelledAsAStringIsAStringFeature() {
        Api.rank(Map.of("userId", "u", "candidates", List.of(Map.of("itemId", "a", "features", Map.of("q", "NaN")))))
                .then()
                .statusCode(200)
                .body("items[0].itemId", equalTo("a"));
    }

    @Test
    void aDeclaredBodyOverFourMebibytesIsA413NamingTheLimitBeforeItIsRead() {
        // Given a client that declares a 5 MB ranking request and withholds it
        WithheldBody.Answer answer = WithheldBody.post("/v1/rank", 5_000_000, Map.of("Authorization", Api.APP_KEY));

        // Then it hears a 413 problem that names the limit, and the connection ends
        assertTooLargeProblemAndTheConnectionEnds(answer);
    }

    @Test
    void aDeclaredBodyOverFourMebibytesSentWholeBeforeTheAnswerIsReadStillGetsThe413() {
        // Given a client that declares 5 MB and sends all of it before it reads (far more than socket buffers hold)
        WithheldBody.Answer answer =
                OversizedBody.post("/v1/rank", 5_000_000, Framing.DECLARED, Map.of("Authorization", Api.APP_KEY));

        // Then the router, having answered, reads and drops the rest, so the client hears the 413 and not a reset
        assertTooLargeProblemAndTheConnectionEnds(answer);
    }

    @Test
    void aChunkedBodyOverFourMebibytesIsA413NamingTheLimit() {
        // Given a client that sends 5 MB in chunks, all of it, before it reads the answer
        WithheldBody.Answer answer =
                OversizedBody.post("/v1/rank", 5_000_000, Framing.CHUNKED, Map.of("Authorization", Api.APP_KEY));

        // Then it hears a 413 problem that names the limit, and the connection ends
        assertTooLargeProblemAndTheConnectionEnds(answer);
    }

    private static void assertTooLargeProblemAndTheConnectionEnds(WithheldBody.Answer answer) {
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.body()).contains("at most 4194304", "\"field\":\"$\"");
        assertThat(answer.closed()).isTrue();
    }
}
