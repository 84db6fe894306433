package io.autoloop.retrainer.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(UniqueModel.class)
@TestProfile(LineageResourceTest.OwnModel.class)
class LineageResourceTest {

    private static final String ADMIN = "Bearer autoloop-dev-admin-key";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    RetrainerConfig config;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void theTrainerIsActive() {
        await().atMost(PATIENCE)
                .until(() ->
                        "active".equals(given().get("/v1/models").jsonPath().getString("trainer.role")));
    }

    @Test
    void theConfiguredLineageIsTheFirstAndServesTheFirstVersion() {
        await().atMost(PATIENCE).until(() -> given().get("/v1/models/1.1.0").statusCode() == 200);

        given().get(lineages())
                .then()
                .statusCode(200)
                .body("[0].ref.name", equalTo("default"))
                .body("[0].ordinal", equalTo(1))
                .body("[0].origin", equalTo("config"))
                .body("[0].state", equalTo("active"))
                .body("[0].config.hashBits", equalTo(18))
                .body("[0].config.crosses", equalTo(List.of("user*item")))
                .body("[0].currentVersion", equalTo("1.1.0"))
                .body("[0].refreshes[0].version", equalTo("1.1.0"));
        given().get("/v1/models/1.1.0").then().body("lineage.name", equalTo("default"));
    }

    @Test
    void anAdminCreatesALineageOnceAndTheSameConfigurationAgainGivesTheSameLineage() {
        // given the audit log's end
        TopicReader<AuditEntry> auditLog = TopicReader.of(Topics.AUDIT_LOG);
        Offsets auditFrom = auditLog.endOffsets();
        String body = "{\"name\": \"slow\", \"alpha\": 0.02, \"crosses\": []}";

        // when an admin creates it, then posts the same configuration under another name
        Response created = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(body)
                .post(lineages());
        Response again = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{\"name\": \"slow-again\", \"alpha\": 0.02, \"crosses\": []}")
                .post(lineages());

        // then the first is 201 with the lineage, the second 200 with the same one
        String id = new LineageConfig(18, List.of(), 0.02, 1.0, 0.0, 0.0, 1).fingerprint();
        created.then()
                .statusCode(201)
                .body("ref.id", equalTo(id))
                .body("ref.name", equalTo("slow"))
                .body("origin", equalTo("admin"))
                .body("ordinal", equalTo(2));
        again.then().statusCode(200).body("ref.id", equalTo(id)).body("ref.name", equalTo("slow"));
        given().get(lineages()).then().body("ref.name", hasItems("default", "slow"));
        // and its creation is audited once
        List<AuditEntry> audit = auditLog
                .read(
                        auditFrom,
                        record -> record.hasKey(config.modelName())
                                && record.value().action().equals("lineage-created"),
                        1,
                        PATIENCE,
                        Duration.ofSeconds(1))
                .stream()
                .map(TopicRecord::value)
                .toList();
        assertThat(audit)
                .singleElement()
                .satisfies(entry ->
                        assertThat(entry.details()).containsEntry("lineage", id).containsEntry("name", "slow"));
        // and it trains beside the default lineage
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/v1/models")
                        .then()
                        .body("trainer.lineages.lineage.name", hasItems("default", "slow")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\": \"x\", \"colour\": \"blue\"}|colour",
                "{\"alpha\": 0.2}|name",
                "{\"name\": \"x\", \"hashBits\": 29}|hashBits",
                "{\"name\": \"x\", \"hashBits\": 0}|hashBits",
                "{\"name\": \"x\", \"alpha\": 0}|alpha",
                "{\"name\": \"x\", \"beta\": -1}|beta",
                "{\"name\": \"x\", \"l1\": -0.1}|l1",
                "{\"name\": \"x\", \"l2\": \"NaN\"}|l2",
                "{\"name\": \"x\", \"crosses\": [\"user*weather\"]}|crosses",
                "{\"name\": \"default\", \"alpha\": 0.3}|name",
                "[1, 2]|body"
            })
    void aBadLineageIsAProblemNamingTheField(String body, String field) {
        given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(body)
                .post(lineages())
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void creatingALineageNeedsTheAdminKeyAndTheModelsName() {
        given().contentType("application/json")
                .body("{\"name\": \"x\"}")
                .post(lineages())
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        given().get("/v1/models/another-model/lineages").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void aRetiredLineageIsShownRetiredWithItsReason() {
        // given a lineage the router retired
        String id = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body("{\"name\": \"loser\", \"l2\": 3.0}")
                .post(lineages())
                .then()
                .statusCode(201)
                .extract()
                .path("ref.id");
        redis.hash(String.class).hset(RedisKeys.retiredLineages(config.modelName()), id, "It lost experiment e-1.");

        // then
        given().get(lineages())
                .then()
                .body("find { it.ref.id == '" + id + "' }.state", equalTo("retired"))
                .body("find { it.ref.id == '" + id + "' }.retiredReason", equalTo("It lost experiment e-1."));
        // and its trainer stops at the next reading of the lineages
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(given().get("/v1/models")
                                .jsonPath()
                                .getList("trainer.lineages.lineage.id", String.class))
                        .doesNotContain(id));
    }

    private String lineages() {
        return "/v1/models/" + config.modelName() + "/lineages";
    }

    /** A retrainer of its own: the lineages created here train and publish, which other tests would see. */
    public static class OwnModel implements QuarkusTestProfile {}
}
