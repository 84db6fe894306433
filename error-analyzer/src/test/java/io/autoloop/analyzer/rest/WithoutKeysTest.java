package io.autoloop.analyzer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.contracts.Problem;
import io.autoloop.testing.WithheldBody;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analyzer configures no key and protects no endpoint, yet runs the shared credential check like every service:
 * its API answers without a key, and refuses a bearer token, which it cannot know, as every service refuses one.
 */
@QuarkusTest
class WithoutKeysTest {

    @Test
    void theApiAnswersWithoutAKey() {
        given().get("/v1/reports").then().statusCode(400).body("errors[0].field", equalTo("modelVersion"));
    }

    @Test
    void aBearerTokenIsAnUnknownKey() {
        given().header("Authorization", "Bearer autoloop-dev-key")
                .get("/v1/reports")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"autoloop\"")
                .body("detail", equalTo("The bearer token is not a key this service knows; check the key."));
    }

    @Test
    void aBearerTokenIsRefusedBeforeTheBodyIsRead() {
        // Given a client with a key that announces 10 MB and never sends them
        // When it posts
        WithheldBody.Answer answer =
                WithheldBody.post("/v1/reports", 10_000_000, Map.of("Authorization", "Bearer autoloop-dev-key"));

        // Then the key is refused at once and the connection closed
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.closed()).isTrue();
    }
}
