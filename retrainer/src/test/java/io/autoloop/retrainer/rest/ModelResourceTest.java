package io.autoloop.retrainer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.testing.WithheldBody;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(UniqueModel.class)
class ModelResourceTest {

    /** The admin key of the test profile: the model bytes are served to an admin only. */
    private static final String ADMIN = "Bearer autoloop-dev-admin-key";

    @Inject
    RetrainerConfig config;

    @BeforeEach
    void initialVersionIsPublishedAndTheTrainerActive() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/v1/models/1.1.0").statusCode() == 200
                        && "active".equals(given().get("/v1/models").jsonPath().getString("trainer.role")));
    }

    @Test
    void anEmptyRegistryGetsAnUntrainedInitialVersionSoThereIsAChampion() {
        // Other tests of this application may have published later versions meanwhile, so the champion is checked
        // to exist; GateRejectionTest, where nothing is ever published after 1.1.0, checks it is 1.1.0.
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .body("name", equalTo(config.modelName()))
                .body("champion", notNullValue())
                .body("versions.version", hasItem("1.1.0"))
                .body("versions.find { it.version == '1.1.0' }.parent", nullValue())
                .body("versions.find { it.version == '1.1.0' }.samplesSeen", equalTo(0))
                .body("versions.find { it.version == '1.1.0' }.metrics.samples", equalTo(0))
                .body(
                        "versions.find { it.version == '1.1.0' }.registryKey",
                        equalTo(RedisKeys.model(config.modelName(), "1.1.0")))
                .body("trainer.role", equalTo("active"));

        ModelSnapshot initial = ModelCodec.read(given().header("Authorization", ADMIN)
                .get("/v1/models/1.1.0/weights")
                .asByteArray());

        // Bias only and untrained: no sample learned, not even the bias weight is set, so it predicts 0.5.
        assertThat(initial.provenance().samplesSeen()).isZero();
        assertThat(initial.provenance().parentVersion()).isNull();
        assertThat(initial.nonZeroWeights()).isZero();
        assertThat(initial.predict(Map.of("user", Map.of("id", "u-1"), "item", Map.of("id", "i-1"))))
                .isEqualTo(0.5);
    }

    @Test
    void weightsAreTheExactRegistryBytesWithTheirChecksum() {
        ModelVersion meta = ContractJson.read(given().get("/v1/models/1.1.0").asByteArray(), ModelVersion.class);

        Response weights = given().header("Authorization", ADMIN).get("/v1/models/1.1.0/weights");

        byte[] bytes = weights.then()
                .statusCode(200)
                .contentType("application/octet-stream")
                .header("ETag", "\"" + meta.checksum() + "\"")
                .header(
                        "Repr-Digest",
                        "sha-256=:" + Base64.getEncoder().encodeToString(DigestUtils.sha256(weights.asByteArray()))
                                + ":")
                .extract()
                .asByteArray();
        assertThat(DigestUtils.sha256Hex(bytes)).isEqualTo(meta.checksum());
        ModelSnapshot model = ModelCodec.read(bytes);
        assertThat(model.provenance().version()).isEqualTo("1.1.0");
        assertThat(model.provenance().name()).isEqualTo(config.modelName());
    }

    @Test
    void aClientThatHasTheWeightsGetsNotModified() {
        String etag = given().header("Authorization", ADMIN)
                .get("/v1/models/1.1.0/weights")
                .header("ETag");

        given().header("Authorization", ADMIN)
                .header("If-None-Match", etag)
                .get("/v1/models/1.1.0/weights")
                .then()
                .statusCode(304);
    }

    @ParameterizedTest(name = "GET {0} -> {1}")
    @CsvSource({
        "/v1/models/9.9.9, 404, ",
        "/v1/models/9.9.9/weights, 404, ",
        "/v1/models/latest, 400, version",
        "/v1/models/1.02.0/weights, 400, version",
        "/v1/models?limit=0, 400, limit",
        "/v1/models/candidates?limit=5000, 400, limit"
    })
    void badAddressesAnswerAProblemNamingTheField(String path, int status, String field) {
        Response response = given().header("Authorization", ADMIN)
                .accept("application/json")
                .get(path);

        response.then().statusCode(status).contentType(Problem.MEDIA_TYPE).body("status", equalTo(status));
        if (field != null) {
            response.then().body("errors[0].field", equalTo(field));
        }
    }

    @Test
    void theModelBytesNeedTheAdminKey() {
        given().get("/v1/models/1.1.0/weights")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("errors[0].field", equalTo("Authorization"));
        given().header("Authorization", "Bearer autoloop-dev-key")
                .get("/v1/models/1.1.0/weights")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        // The metadata, without the weights, stays open to the dashboards that list versions.
        given().get("/v1/models/1.1.0").then().statusCode(200);
    }

    @Test
    void forcingAPublishNeedsTheAdminKey() {
        given().post("/v1/models/publish")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("errors[0].field", equalTo("Authorization"))
                .body(
                        "detail",
                        equalTo(
                                "The request has no bearer token: send the admin key as 'Authorization: Bearer <key>'."));
        // The retrainer knows no app key: an app's key is as unknown as any other.
        given().header("Authorization", "Bearer autoloop-dev-key")
                .post("/v1/models/publish")
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("The bearer token is not a key this service knows; check the key."));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"no key,", "an unknown key, Bearer autoloop-dev-key"})
    void theKeyIsJudgedBeforeTheBodyIsRead(String caller, String authorization) {
        // Given a client that announces a 10 MB body and never sends it
        // When it asks for a publish without the admin key
        WithheldBody.Answer answer = WithheldBody.post(
                "/v1/models/publish",
                10_000_000,
                authorization == null ? Map.of() : Map.of("Authorization", authorization));

        // Then it is refused at once and the connection closed: the retrainer did not wait for the body
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("content-type", Problem.MEDIA_TYPE);
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void theInitialPublishIsAGateDecisionToo() {
        given().get("/v1/models/candidates")
                .then()
                .statusCode(200)
                .body("find { it.version == '1.1.0' }.reason", equalTo("initial-version"))
                .body("find { it.version == '1.1.0' }.outcome", equalTo("published"))
                .body("find { it.version == '1.1.0' }.trigger", equalTo("initial"));
    }
}
