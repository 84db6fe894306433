package io.autoloop.retrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.domain.GatePolicy;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.SemanticVersion;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.testing.ServiceProcess;
import io.autoloop.testing.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged retrainer in the middle of a stream loses no sample and counts none twice in any
 * lineage: the trainer that carries on (the same process restarted, or a standby) resumes from the last checkpoint and
 * ends with exactly as many samples seen as records were produced, in the configured lineage and in a second one an
 * admin created before the stream (without the user × item cross, so each sample is hashed twice). The restarted process resumes from a timed checkpoint (no
 * candidate is ever proposed there, so no publish writes one); the standby takes over while candidates are published.
 */
class CheckpointRecoveryIT {

    private static final int SAMPLES = 24_000;
    private static final int KILL_AFTER = 8_000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Map<String, String> COMMON = Map.of(
            "retrainer.features.bits", "18",
            "retrainer.checkpoint.every", "1s",
            "retrainer.lease.ttl", "5s",
            "retrainer.gate.holdout-samples", "2000",
            "retrainer.gate.min-holdout-samples", "500",
            "retrainer.retry-backoff", "1s");
    /** A candidate every 8,000 samples (or 60 s): publishes write checkpoints too. */
    private static final Map<String, String> PUBLISHING = settings("8000", "60s");
    /** No candidate within the test: after the initial version, only the 1 s cadence writes checkpoints. */
    private static final Map<String, String> NOT_PUBLISHING = settings("1000000000", "24h");

    private static final TrainerSettings TRAINER = new TrainerSettings(
            new FeatureSpec(18, 0, List.of(new Cross("user", "item"))),
            FtrlParameters.defaults(),
            2000,
            new GatePolicy(0.002, 1e-6, 500));

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "ctr-it-" + suffix;
    private final String topic = "retrainer-it-" + suffix;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private TopicAdmin admin;
    private TestRedis redis;

    @BeforeEach
    void topic() {
        admin = TopicAdmin.localStack();
        redis = new TestRedis();
        admin.create(topic, 3);
    }

    @AfterEach
    void cleanUp() {
        processes.forEach(ServiceProcess::close);
        admin.delete(List.of(topic));
        redis.deleteModel(model);
        admin.close();
        redis.close();
    }

    @Test
    void killNineMidStreamThenRestartResumesFromTheTimedCheckpointAndLosesNoSample() {
        // Given: a running retrainer of two lineages that publishes no candidate, a stream being produced, and a timed
        // checkpoint that holds some of it.
        ServiceProcess first = start("first", NOT_PUBLISHING);
        addSecondLineage(first);
        CompletableFuture<Void> stream = produceStream();
        await().atMost(PATIENCE).until(() -> samplesSeen(first) >= KILL_AFTER && checkpointedSamples() > 0);

        // When: SIGKILL in the middle of the stream, then the same service again.
        first.kill();
        ServiceProcess restarted = start("restarted", NOT_PUBLISHING);
        stream.join();

        // Then: everything consumed once by each lineage, resumed from the timed checkpoint: 1.1.0 (at 0 samples) is
        // the only publish.
        await().atMost(PATIENCE).until(() -> recordsConsumed(restarted) == SAMPLES);
        JsonNode trainer = PackagedRetrainer.trainer(restarted);
        assertThat(trainer.get("samplesSeen").asLong()).isEqualTo(SAMPLES);
        assertThat(trainer.get("recordsConsumed").asLong()).isEqualTo(SAMPLES);
        assertEveryLineageSawEveryRecord(restarted);
        assertThat(trainer.get("resumedFromSamples").asLong()).isPositive().isLessThan(SAMPLES);
        assertThat(versions(restarted)).containsExactly("1.1.0");
        restarted.stop();
        assertFinalCheckpointHolds(SAMPLES);
    }

    @Test
    void aStandbyTakesOverFromTheCheckpointWhenTheActiveTrainerIsKilled() {
        // Given: two instances of one model; one trains, the other waits.
        ServiceProcess a = start("a", PUBLISHING);
        ServiceProcess b = start("b", PUBLISHING);
        await().atMost(PATIENCE).until(() -> role(a).equals("active") || role(b).equals("active"));
        ServiceProcess active = role(a).equals("active") ? a : b;
        ServiceProcess standby = active == a ? b : a;
        await().atMost(PATIENCE).until(() -> role(standby).equals("standby"));
        addSecondLineage(active);
        CompletableFuture<Void> stream = produceStream();

        // When: SIGKILL of the active trainer mid-stream; the killed one is started again.
        await().atMost(PATIENCE).until(() -> samplesSeen(active) >= KILL_AFTER);
        active.kill();
        await().atMost(PATIENCE).until(() -> role(standby).equals("active"));
        ServiceProcess returned = start("returned", PUBLISHING);
        stream.join();

        // Then: the former standby finished the stream from the checkpoint; the returned one waits.
        await().atMost(PATIENCE).until(() -> recordsConsumed(standby) == SAMPLES);
        JsonNode trainer = PackagedRetrainer.trainer(standby);
        assertThat(trainer.get("samplesSeen").asLong()).isEqualTo(SAMPLES);
        assertThat(trainer.get("resumedFromSamples").asLong()).isPositive().isLessThan(SAMPLES);
        assertEveryLineageSawEveryRecord(standby);
        await().atMost(PATIENCE).until(() -> role(returned).equals("standby"));
        assertThat(PackagedRetrainer.trainer(returned).get("activeInstance").asText())
                .isEqualTo(trainer.get("instance").asText());
        assertVersionsChain(standby);
        returned.stop();
        standby.stop();
        assertFinalCheckpointHolds(SAMPLES);
    }

    private static Map<String, String> settings(String publishEverySamples, String publishEvery) {
        Map<String, String> settings = new HashMap<>(COMMON);
        settings.put("retrainer.publish.every-samples", publishEverySamples);
        settings.put("retrainer.publish.every", publishEvery);
        return Map.copyOf(settings);
    }

    private ServiceProcess start(String name, Map<String, String> settings) {
        ServiceProcess process = PackagedRetrainer.start(
                model, topic, settings, Path.of("target", "it-logs", model + "-" + name + ".log"));
        processes.add(process);
        process.awaitReady(PATIENCE);
        return process;
    }

    /** Creates the lineage {@code no-cross} through the admin API and waits until the trainer trains it. */
    private void addSecondLineage(ServiceProcess process) {
        Map.Entry<Integer, JsonNode> created = PackagedRetrainer.postAsAdmin(
                process, "/v1/models/" + model + "/lineages", "{\"name\": \"no-cross\", \"crosses\": []}");
        assertThat(created.getKey()).isEqualTo(201);
        await().atMost(PATIENCE)
                .until(() -> PackagedRetrainer.trainer(process).get("lineages").size() == 2);
    }

    /** Each lineage's trainer took every record and learned every sample. */
    private static void assertEveryLineageSawEveryRecord(ServiceProcess process) {
        JsonNode lineages = PackagedRetrainer.trainer(process).get("lineages");
        List<String> names = new ArrayList<>();
        lineages.forEach(lineage -> {
            names.add(lineage.get("lineage").get("name").asText());
            assertThat(lineage.get("samplesSeen").asLong()).isEqualTo(SAMPLES);
            assertThat(lineage.get("recordsConsumed").asLong()).isEqualTo(SAMPLES);
        });
        assertThat(names).containsExactly("default", "no-cross");
    }

    /** Produces the stream over several seconds, so that a kill lands in its middle. */
    private CompletableFuture<Void> produceStream() {
        return CompletableFuture.runAsync(() -> {
            SyntheticSamples samples = new SyntheticSamples(42);
            try (SampleWriter writer = new SampleWriter(topic)) {
                for (int batch = 0; batch < SAMPLES / 1000; batch++) {
                    for (int i = 0; i < 1000; i++) {
                        writer.send(samples.next());
                    }
                    writer.flush();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    /** The published versions, newest first. */
    private static List<String> versions(ServiceProcess process) {
        List<String> versions = new ArrayList<>();
        PackagedRetrainer.get(process, "/v1/models")
                .get("versions")
                .forEach(version -> versions.add(version.get("version").asText()));
        return versions;
    }

    /** Every version was published once, each the minor successor of its parent within its lineage. */
    private static void assertVersionsChain(ServiceProcess process) {
        Map<Integer, List<String>> versions = new TreeMap<>();
        Map<String, String> parents = new HashMap<>();
        PackagedRetrainer.get(process, "/v1/models").get("versions").forEach(version -> {
            String name = version.get("version").asText();
            versions.computeIfAbsent(SemanticVersion.parse(name).major(), major -> new ArrayList<>())
                    .add(name);
            parents.put(name, version.path("parent").asText(null));
        });
        assertThat(versions.keySet()).contains(1);
        versions.forEach((ordinal, lineage) -> {
            assertThat(lineage).doesNotHaveDuplicates().last().isEqualTo(ordinal + ".1.0");
            for (int i = 0; i + 1 < lineage.size(); i++) {
                assertThat(parents.get(lineage.get(i))).isEqualTo(lineage.get(i + 1));
            }
        });
    }

    /** Samples in the checkpoint in Redis now, 0 without one. */
    private long checkpointedSamples() {
        byte[] saved = redis.get(RedisKeys.checkpoint(model));
        return saved == null
                ? 0
                : LineageTrainers.restore(model, saved, TRAINER, lineages())
                        .trainers()
                        .get(0)
                        .samplesSeen();
    }

    /** The checkpoint the last trainer wrote on its way out holds exactly every sample and every offset, per lineage. */
    private void assertFinalCheckpointHolds(long samples) {
        LineageTrainers saved =
                LineageTrainers.restore(model, redis.get(RedisKeys.checkpoint(model)), TRAINER, lineages());
        assertThat(saved.trainers()).hasSize(2).allSatisfy(trainer -> {
            assertThat(trainer.samplesSeen()).isEqualTo(samples);
            assertThat(trainer.recordsConsumed()).isEqualTo(samples);
        });
        assertThat(saved.offsets().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(samples);
    }

    /** The model's lineages as the retrainer registered them. */
    private List<Lineage> lineages() {
        return redis.hashValues(RedisKeys.lineages(model)).stream()
                .map(json -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Lineage.class))
                .toList();
    }

    private static long samplesSeen(ServiceProcess process) {
        JsonNode trainer = PackagedRetrainer.trainer(process);
        return trainer == null ? -1 : trainer.get("samplesSeen").asLong();
    }

    private static long recordsConsumed(ServiceProcess process) {
        JsonNode trainer = PackagedRetrainer.trainer(process);
        return trainer == null ? -1 : trainer.get("recordsConsumed").asLong();
    }

    private static String role(ServiceProcess process) {
        JsonNode trainer = PackagedRetrainer.trainer(process);
        return trainer == null ? "unreachable" : trainer.get("role").asText();
    }
}
