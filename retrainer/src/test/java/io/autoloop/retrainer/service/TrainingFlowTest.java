package io.autoloop.retrainer.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.TrainerHealth;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.ModelCodec;
import io.autoloop.retrainer.SampleWriter;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.TestRedis;
import io.autoloop.retrainer.UniqueModel;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.SemanticVersion;
import io.autoloop.retrainer.repository.ModelRegistry;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicAdmin;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(UniqueModel.class)
class TrainingFlowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    RetrainerConfig config;

    @Inject
    ModelRegistry registry;

    private SampleWriter samples;
    private TopicAdmin admin;

    @BeforeEach
    void activeTrainer() {
        samples = new SampleWriter(config.samplesTopic());
        admin = TopicAdmin.localStack();
        await().atMost(PATIENCE).until(() -> "active".equals(trainer().getString("role")));
        // The counters are read as a baseline below: first let the trainer finish what earlier tests sent.
        await().atMost(PATIENCE).until(() -> trainer().getLong("recordsConsumed") == recordsOnTopic());
    }

    private long recordsOnTopic() {
        return admin.endOffsets(config.samplesTopic()).total();
    }

    @AfterEach
    void closeKafka() {
        samples.close();
        admin.close();
    }

    @Test
    void trainsEverySampleWithConsentOnceAndDeadLettersWhatItCannotRead() {
        // Given: where the outputs stand, and what the trainer has counted so far.
        TopicReader<RejectedRecord> rejected = TopicReader.of(Topics.FEEDBACK_REJECTED);
        Offsets rejectedFrom = rejected.endOffsets();
        JsonPath before = trainer();
        SyntheticSamples stream = new SyntheticSamples(21);

        // When: 900 samples, 3 without consent, 1 that is not JSON and 1 with a feature that cannot be hashed.
        for (int i = 0; i < 900; i++) {
            samples.send(stream.next());
        }
        for (int i = 0; i < 3; i++) {
            samples.send(stream.next(false));
        }
        samples.sendRaw("u1", "{not json".getBytes(StandardCharsets.UTF_8));
        String listFeature = new String(
                        Topics.TRAINING_SAMPLES.serde().serialize("t", stream.next()), StandardCharsets.UTF_8)
                .replace("\"device\":", "\"tags\":[\"a\"],\"device\":");
        samples.sendRaw("u2", listFeature.getBytes(StandardCharsets.UTF_8));
        samples.flush();

        // Then: every record is counted exactly once, by what happened to it.
        long consumed = before.getLong("recordsConsumed") + 905;
        await().atMost(PATIENCE).until(() -> trainer().getLong("recordsConsumed") == consumed);
        JsonPath after = trainer();
        assertThat(after.getLong("samplesSeen")).isEqualTo(before.getLong("samplesSeen") + 900);
        assertThat(after.getLong("skippedNoConsent")).isEqualTo(before.getLong("skippedNoConsent") + 3);
        assertThat(after.getLong("malformed")).isEqualTo(before.getLong("malformed") + 2);
        List<RejectedRecord> deadLetters = rejected
                .read(
                        rejectedFrom,
                        record -> record.hasKey(config.modelName())
                                && record.value().source().equals("retrainer"),
                        2,
                        PATIENCE)
                .stream()
                .map(TopicRecord::value)
                .toList();
        assertThat(deadLetters)
                .extracting(RejectedRecord::reason)
                .containsExactly("malformed-sample", "malformed-sample");
        assertThat(deadLetters)
                .anySatisfy(letter -> assertThat(letter.payload()).isEqualTo("{not json"));
        assertThat(deadLetters)
                .anySatisfy(
                        letter -> assertThat(letter.errors().get(0).message()).contains("context^tags"));
    }

    @Test
    void aPoisonousSampleIsDeadLetteredCountedAndPassedOverWhileTheGoodOnesAreLearnedAndPublished() {
        // Given: where the outputs stand, and what the trainer has counted so far.
        TopicReader<RejectedRecord> rejected = TopicReader.of(Topics.FEEDBACK_REJECTED);
        Offsets rejectedFrom = rejected.endOffsets();
        JsonPath before = trainer();
        long published = registry.size();
        SyntheticSamples stream = new SyntheticSamples(25);

        // When: 700 good samples, one with the feature value 1e200 (g² = ∞ in the learner), and 700 good ones more.
        for (int i = 0; i < 700; i++) {
            samples.send(stream.next());
        }
        LabelledSample poison = SyntheticSamples.withContextFeature(stream.next(), "quality", 1e200);
        samples.send(poison);
        for (int i = 0; i < 700; i++) {
            samples.send(stream.next());
        }
        samples.flush();

        // Then: every good sample is learned, the poisonous one is counted as a non-finite update and nothing else ...
        long consumed = before.getLong("recordsConsumed") + 1401;
        await().atMost(PATIENCE).until(() -> trainer().getLong("recordsConsumed") == consumed);
        JsonPath after = trainer();
        assertThat(List.of(
                        after.getLong("samplesSeen") - before.getLong("samplesSeen"),
                        after.getLong("nonFiniteUpdates") - before.getLong("nonFiniteUpdates"),
                        after.getLong("malformed") - before.getLong("malformed"),
                        after.getLong("quarantined") - before.getLong("quarantined")))
                .containsExactly(1400L, 1L, 0L, 0L);
        assertThat(after.getString("role")).isEqualTo("active");
        // ... it is dead-lettered with its reason, naming the sample and the feature ...
        RejectedRecord letter = rejected.read(
                        rejectedFrom,
                        record -> record.hasKey(config.modelName())
                                && record.value().source().equals("retrainer"),
                        1,
                        PATIENCE)
                .get(0)
                .value();
        assertThat(letter.reason()).isEqualTo("non-finite-update");
        assertThat(letter.errors().get(0).message()).contains(poison.decisionId(), "context^quality", "1.0E200");
        // ... versions trained past it are still published ...
        long learnedPastThePoison = before.getLong("samplesSeen") + 701;
        await().atMost(PATIENCE)
                .until(() ->
                        registry.size() > published && registry.newest(1).get(0).samplesSeen() >= learnedPastThePoison);
        // ... and the metrics count it by reason.
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("autoloop_samples_consumed_total{outcome=\"non-finite-update\"")
                .contains("autoloop_samples_dead_lettered_total{reason=\"non-finite-update\"");
    }

    @Test
    void samplesThatArriveAndAreNotLearnedRaiseTheStallAlertUntilLearningResumes() {
        // Given: samples that keep arriving for longer than the stall time (3 s in %test) and that are all refused
        // (each has a feature value of 1e200), so records are read and nothing is learned.
        SyntheticSamples stream = new SyntheticSamples(26);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            samples.send(SyntheticSamples.withContextFeature(stream.next(), "quality", 1e200));
            samples.flush();
            return "stalled".equals(trainer().getString("health.state"));
        });

        // Then: the alert is raised in the status, the readiness details (still UP), the gauge and the report in Redis.
        assertThat(trainer().getString("health.detail")).isNotBlank();
        JsonPath readiness =
                given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(readiness.getString("checks.find { it.name == 'training' }.status"))
                .isEqualTo("UP");
        assertThat(readiness.getString("checks.find { it.name == 'training' }.data.state"))
                .isEqualTo("stalled");
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("(?m)^autoloop_trainer_stalled(\\{[^}]*\\})? 1\\.0$");
        await().atMost(PATIENCE).until(() -> reportedState() == TrainerHealth.State.STALLED);

        // When: good samples arrive again.
        for (int i = 0; i < 50; i++) {
            samples.send(stream.next());
        }
        samples.flush();

        // Then: the alert is cleared everywhere.
        await().atMost(PATIENCE).until(() -> "healthy".equals(trainer().getString("health.state")));
        await().atMost(PATIENCE).until(() -> reportedState() == TrainerHealth.State.HEALTHY);
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("(?m)^autoloop_trainer_stalled(\\{[^}]*\\})? 0\\.0$");
    }

    /** The state of the report the active trainer last wrote to Redis for the router's dashboard. */
    private TrainerHealth.State reportedState() {
        try (TestRedis redis = new TestRedis()) {
            byte[] json = redis.get(RedisKeys.trainerHealth(config.modelName()));
            return json == null
                    ? null
                    : ContractJson.read(json, TrainerHealth.class).state();
        }
    }

    @Test
    void publishesMinorVersionsThatChainAndAnnouncesEachOnModelVersions() {
        TopicReader<ModelVersion> versionsTopic = TopicReader.of(Topics.MODEL_VERSIONS);
        Offsets announcedFrom = versionsTopic.endOffsets();
        long published = registry.size();
        SyntheticSamples stream = new SyntheticSamples(22);
        for (int i = 0; i < 1500; i++) {
            samples.send(stream.next());
        }
        samples.flush();

        await().atMost(PATIENCE).until(() -> registry.size() >= Math.max(3, published + 1));
        List<ModelVersion> versions = registry.newest(100);
        List<ModelVersion> announced =
                versionsTopic.read(announcedFrom, record -> record.hasKey(config.modelName()), 1, PATIENCE).stream()
                        .map(TopicRecord::value)
                        .toList();

        for (int i = 0; i + 1 < versions.size(); i++) {
            ModelVersion newer = versions.get(i);
            ModelVersion older = versions.get(i + 1);
            assertThat(newer.parent()).isEqualTo(older.version());
            assertThat(SemanticVersion.parse(newer.version()))
                    .isEqualTo(SemanticVersion.parse(older.version()).nextMinor());
            assertThat(newer.samplesSeen()).isGreaterThanOrEqualTo(older.samplesSeen());
        }
        ModelVersion newest = versions.get(0);
        byte[] bytes = registry.modelBytes(newest.version()).orElseThrow();
        assertThat(DigestUtils.sha256Hex(bytes)).isEqualTo(newest.checksum());
        assertThat(ModelCodec.read(bytes).provenance().samplesSeen()).isEqualTo(newest.samplesSeen());
        assertThat(newest.metrics().samples()).isEqualTo(newest.samplesSeen());
        assertThat(newest.metrics().logLoss()).isFinite().isPositive();
        assertThat(announced)
                .first()
                .satisfies(
                        first -> assertThat(registry.version(first.version())).contains(first));
    }

    @Test
    void anAdminCanForceACandidateThroughTheGate() {
        long trained = trainer().getLong("samplesSeen") + 250;
        SyntheticSamples stream = new SyntheticSamples(23);
        for (int i = 0; i < 250; i++) {
            samples.send(stream.next());
        }
        samples.flush();
        await().atMost(PATIENCE).until(() -> trainer().getLong("samplesSeen") >= trained);

        Response response =
                given().header("Authorization", "Bearer autoloop-dev-admin-key").post("/v1/models/publish");

        JsonPath decision = response.jsonPath();
        assertThat(decision.getString("trigger")).isEqualTo("forced");
        assertThat(decision.getString("actor")).isEqualTo("admin");
        if (decision.getString("outcome").equals("published")) {
            response.then().statusCode(201).header("Location", endsWith("/v1/models/" + decision.getString("version")));
            assertThat(registry.version(decision.getString("version"))).isPresent();
        } else {
            // A forced candidate still faces the gate: too few holdout samples, or worse than the champion.
            response.then().statusCode(200).body("outcome", equalTo("rejected"));
            assertThat(registry.version(decision.getString("version"))).isEmpty();
        }
        given().get("/v1/models/candidates")
                .then()
                .body("find { it.trigger == 'forced' }.version", equalTo(decision.getString("version")));
    }

    @Test
    void exposesTrainingAndGateMetrics() {
        SyntheticSamples stream = new SyntheticSamples(24);
        for (int i = 0; i < 50; i++) {
            samples.send(stream.next());
        }
        samples.flush();
        await().atMost(PATIENCE).until(() -> trainer().getLong("samplesSeen") >= 50);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("autoloop_samples_consumed_total{outcome=\"trained\"")
                .contains("autoloop_samples_rate")
                .contains("autoloop_model_progressive_logloss")
                .contains("autoloop_model_progressive_auc")
                .contains("autoloop_model_holdout_logloss{model=\"champion\"")
                .contains("autoloop_model_size_bytes")
                .contains("autoloop_models_gate_total{outcome=\"published\",reason=\"initial-version\"")
                .contains("autoloop_checkpoint_duration_seconds_count");
    }

    private static JsonPath trainer() {
        return given().get("/v1/models")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("trainer");
    }
}
