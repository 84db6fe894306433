package io.autoloop.retrainer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.Topics;
import io.autoloop.retrainer.SampleWriter;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.repository.ModelRegistry;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a margin no candidate can meet, every candidate is rejected, reported, and never published. */
@QuarkusTest
@WithTestResource(UniqueModel.class)
@TestProfile(GateRejectionTest.ImpossibleMargin.class)
class GateRejectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A candidate must beat the champion by a whole nat: none does. */
    public static class ImpossibleMargin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retrainer.gate.margin", "-1");
        }
    }

    @Inject
    RetrainerConfig config;

    @Inject
    ModelRegistry registry;

    @Test
    void aCandidateWorseThanTheChampionIsRejectedReportedAndNotPublished() {
        TopicReader<AuditEntry> auditLog = TopicReader.of(Topics.AUDIT_LOG);
        List<AuditEntry> audit;
        try (SampleWriter samples = new SampleWriter(config.samplesTopic())) {
            // Given
            await().atMost(PATIENCE).until(() -> registry.version("1.1.0").isPresent());
            Offsets auditFrom = auditLog.endOffsets();
            SyntheticSamples stream = new SyntheticSamples(31);

            // When
            for (int i = 0; i < 400; i++) {
                samples.send(stream.next());
            }
            samples.flush();

            // Then
            await().atMost(PATIENCE)
                    .until(() -> given().get("/v1/models/candidates")
                            .jsonPath()
                            .getList("reason")
                            .contains("worse-than-champion"));
            audit = auditLog
                    .read(
                            auditFrom,
                            record -> record.hasKey(config.modelName())
                                    && record.value().action().equals("candidate-rejected"),
                            1,
                            PATIENCE)
                    .stream()
                    .map(TopicRecord::value)
                    .toList();
        }
        assertThat(registry.newest(10)).extracting(ModelVersion::version).containsExactly("1.1.0");
        assertThat(audit).first().satisfies(entry -> {
            assertThat(entry.service()).isEqualTo("retrainer");
            assertThat(entry.subject()).isEqualTo(config.modelName());
            assertThat(entry.reason()).isEqualTo("worse-than-champion");
            assertThat(entry.details()).containsKeys("candidateLogLoss", "championLogLoss", "margin", "holdoutSamples");
            assertThat(entry.details()).containsEntry("champion", "1.1.0").containsEntry("version", "1.2.0");
        });
        given().get("/v1/models/candidates")
                .then()
                .body("find { it.reason == 'worse-than-champion' }.outcome", equalTo("rejected"))
                .body("find { it.reason == 'worse-than-champion' }.margin", equalTo(-1.0f));
        assertThat(given().get("/q/metrics").asString())
                .contains("autoloop_models_gate_total{outcome=\"rejected\",reason=\"worse-than-champion\"");
        given().header("Authorization", "Bearer autoloop-dev-admin-key")
                .post("/v1/models/publish")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("rejected"))
                .body("version", equalTo("1.2.0"));
    }
}
