package io.autoloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.Topics;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.testing.TopicRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The gray rollout end to end, as one scenario on one loop fed by the simulated app's users (world seed 42): a
 * challenger trained from their feedback is promoted step by step, then a broken version put into the registry is
 * rolled back. The second test starts from the champion the first one promoted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {

    /** Samples the learner trains on before its state is published as the challenger. */
    private static final long TRAINING_SAMPLES = 15_000;

    private static final Set<String> OVER = Set.of("SUCCEEDED", "ROLLED_BACK", "STOPPED");

    private Loop loop;
    private LoopApi api;
    private RedisStore redis;
    private RegistryWriter registry;

    @BeforeAll
    void startLoopAndTraffic() throws InterruptedException {
        // Candidates only when a test asks (POST /v1/models/publish), so the challenger is exactly the version the
        // test published and no newer version replaces it while it is tested.
        loop = Loop.start(
                "rollout",
                Map.of(
                        "retrainer",
                        Map.of("retrainer.publish.every-samples", "1000000000", "retrainer.publish.every", "24h")));
        api = new LoopApi(loop);
        redis = new RedisStore(Loop.redis());
        registry = new RegistryWriter(loop.model(), redis);
        loop.simulate(List.of("--seed", "42", "--rate", "40", "--threads", "4"));
    }

    @AfterAll
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Test
    @Order(1)
    void challengerTrainedOnFeedbackIsPromotedStepByStepToAllTraffic() throws InterruptedException {
        // Given: the retrainer's first version knows nothing (every weight 0) and became the champion,
        Eventually.await(
                "the first version 0.1.0 to become the champion",
                Duration.ofMinutes(2),
                Duration.ofSeconds(1),
                loop::assertRunning,
                registry::champion,
                "0.1.0"::equals);
        // and the learner has since trained on the feedback of the users it served.
        Eventually.await(
                TRAINING_SAMPLES + " trained samples",
                Duration.ofMinutes(4),
                Duration.ofSeconds(2),
                loop::assertRunning,
                () -> api.models().path("trainer").path("samplesSeen").asLong(),
                seen -> seen >= TRAINING_SAMPLES);

        // When the learner's state is published as the next version,
        JsonNode published = api.publish();
        assertThat(published.path("outcome").asText()).as(published.toString()).isEqualTo("published");
        String challenger = published.path("version").asText();

        // then the controller tests it against the champion and promotes it through every step, by itself.
        JsonNode experiment = awaitOver(challenger, Duration.ofMinutes(6));
        assertThat(experiment.path("phase").asText()).as(describe(experiment)).isEqualTo("SUCCEEDED");
        List<Step> expected = List.of(
                new Step("CREATE", 0.0),
                new Step("START", 5.0),
                new Step("ADVANCE", 10.0),
                new Step("ADVANCE", 25.0),
                new Step("ADVANCE", 50.0),
                new Step("PROMOTE", 100.0),
                new Step("COMPLETE", 100.0));
        assertThat(steps(experiment)).as(describe(experiment)).isEqualTo(expected);
        assertThat(actors(experiment)).containsOnly("controller");
        assertThat(auditTrail(experiment.path("id").asText(), "experiment.complete"))
                .extracting(AuditEntry::action)
                .containsExactly(
                        "experiment.create",
                        "experiment.start",
                        "experiment.advance",
                        "experiment.advance",
                        "experiment.advance",
                        "experiment.promote",
                        "experiment.complete");
        assertThat(registry.champion()).isEqualTo(challenger);
    }

    @Test
    @Order(2)
    void brokenChallengerIsRolledBackToNoTrafficAndTheAuditTrailSaysWhy() throws InterruptedException {
        // Given the champion trained from the feedback (promoted by the test before),
        String champion = registry.champion();
        assertThat(champion).as("a trained champion").isNotNull().isNotEqualTo("0.1.0");

        // when a copy of it with every weight negated is put into the registry and announced,
        String[] semver = champion.split("\\.");
        ModelVersion broken = registry.publishNegated(champion, semver[0] + "." + semver[1] + ".1");

        // then the controller lets it serve a first step, sees the harm and rolls it back by itself:
        JsonNode experiment = awaitOver(broken.version(), Duration.ofMinutes(5));
        assertThat(experiment.path("phase").asText()).as(describe(experiment)).isEqualTo("ROLLED_BACK");
        assertThat(experiment.path("challengerWeight").asDouble()).isZero();
        List<Step> steps = steps(experiment);
        assertThat(steps.get(1)).isEqualTo(new Step("START", 5.0));
        assertThat(steps.get(steps.size() - 1)).isEqualTo(new Step("ROLLBACK", 0.0));
        JsonNode rollback = experiment.path("history").get(steps.size() - 1);
        assertThat(rollback.path("actor").asText()).isEqualTo("controller");
        assertThat(rollback.path("reason").asText()).containsAnyOf("significantly worse", "guardrail");

        List<AuditEntry> trail = auditTrail(experiment.path("id").asText(), "experiment.rollback");
        AuditEntry last = trail.get(trail.size() - 1);
        assertThat(last.action()).isEqualTo("experiment.rollback");
        assertThat(last.reason()).isEqualTo(rollback.path("reason").asText());
        assertThat(last.details())
                .containsEntry("toWeight", 0.0)
                .containsKeys("championImpressions", "challengerImpressions");

        // The champion stays, and serves every user again.
        assertThat(registry.champion()).isEqualTo(champion);
        for (int user = 0; user < 20; user++) {
            RankResponse ranked = api.rank(new RankRequest(
                    "w42-u" + String.format("%05d", user),
                    Map.of(),
                    Map.of(),
                    List.of(new RankRequest.Candidate("w42-i0001", Map.of())),
                    1));
            assertThat(ranked.modelVersion()).isEqualTo(champion);
            assertThat(ranked.arm()).isEqualTo("champion");
        }
    }

    /** One transition of an experiment's history: what it did and the challenger's weight after it. */
    private record Step(String action, double toWeight) {}

    private JsonNode awaitOver(String challenger, Duration timeout) throws InterruptedException {
        return Eventually.await(
                "the experiment of " + challenger + " to end",
                timeout,
                Duration.ofSeconds(2),
                loop::assertRunning,
                () -> api.experimentOf(challenger).orElse(null),
                experiment -> OVER.contains(experiment.path("phase").asText()));
    }

    private static List<Step> steps(JsonNode experiment) {
        List<Step> steps = new ArrayList<>();
        experiment
                .path("history")
                .forEach(t -> steps.add(
                        new Step(t.path("action").asText(), t.path("toWeight").asDouble())));
        return steps;
    }

    private static List<String> actors(JsonNode experiment) {
        List<String> actors = new ArrayList<>();
        experiment.path("history").forEach(t -> actors.add(t.path("actor").asText()));
        return actors;
    }

    /**
     * The router's audit entries about one experiment in the order they were written (one key, one partition), once
     * the entry of its {@code lastAction} has arrived (they are written asynchronously).
     */
    private List<AuditEntry> auditTrail(String experimentId, String lastAction) throws InterruptedException {
        return Eventually.await(
                "the audit entry " + lastAction + " of " + experimentId,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> loop.reader(Topics.AUDIT_LOG).readAll().stream()
                        .filter(record -> experimentId.equals(record.key()))
                        .map(TopicRecord::value)
                        .toList(),
                trail ->
                        !trail.isEmpty() && trail.get(trail.size() - 1).action().equals(lastAction));
    }

    private static String describe(JsonNode experiment) {
        return "experiment " + experiment.path("id").asText() + " "
                + experiment.path("phase").asText() + ": "
                + experiment.path("reason").asText() + " history " + experiment.path("history");
    }
}
