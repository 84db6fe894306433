package io.autoloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.Topics;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.testing.TopicRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * Lineages and the gray rollout end to end, as one scenario on one loop fed by the simulated app's users (world seed
 * 42): the model's first lineage trains without the user × item cross and serves, refreshing itself; a second lineage
 * with the cross, created through the retrainer's API, challenges it and is promoted by the controller while both
 * arms keep refreshing within their lineages; then a broken version of a lineage nobody trains is rolled back. The
 * second test starts from the champion the first one promoted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {

    private static final Set<String> OVER = Set.of("SUCCEEDED", "ROLLED_BACK", "STOPPED", "NO_GAIN");
    private static final Set<String> SWAPS = Set.of("REFRESH", "REVERT");

    private Loop loop;
    private LoopApi api;
    private RedisStore redis;
    private RegistryWriter registry;

    @BeforeAll
    void startLoopAndTraffic() throws InterruptedException {
        // The default lineage trains without the user × item cross, so that the lineage with it has a real gain.
        loop = Loop.start("rollout", Map.of("retrainer", Map.of("retrainer.features.crosses", "none")));
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
    void aLineageWithABetterConfigurationIsPromotedWhileBothArmsRefresh() throws InterruptedException {
        // Given the first lineage's versions serving as champion, each refresh swapped in without an experiment,
        Set<String> champions = new LinkedHashSet<>();
        Eventually.await(
                "a second version of lineage 1 to refresh the champion",
                Duration.ofMinutes(3),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> {
                    String champion = registry.champion();
                    if (champion != null) {
                        champions.add(champion);
                    }
                    return champions;
                },
                seen -> seen.size() >= 2);
        assertThat(champions).allMatch(version -> version.startsWith("1.")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(api.experimentsOfModel())
                .as("experiments before a second lineage")
                .isEmpty();

        // when a lineage with the user × item cross is created through the retrainer's API,
        JsonNode lineage = api.createLineage(Map.of("name", "cross", "crosses", List.of("user*item")));
        assertThat(lineage.path("ordinal").asInt()).isEqualTo(2);

        // then its first gate-passed version challenges the first lineage, and the controller promotes it by itself.
        JsonNode experiment = Eventually.await(
                "the experiment of lineage 2 to end",
                Duration.ofMinutes(10),
                Duration.ofSeconds(2),
                loop::assertRunning,
                () -> {
                    String champion = registry.champion();
                    if (champion != null) {
                        champions.add(champion);
                    }
                    return api.experimentsOfModel().stream()
                            .filter(e -> e.path("challenger").asText().startsWith("2."))
                            .findFirst()
                            .orElse(null);
                },
                e -> OVER.contains(e.path("phase").asText()));
        assertThat(experiment.path("phase").asText()).as(describe(experiment)).isEqualTo("SUCCEEDED");
        // (An arm's version may move within its lineage between the steps: a refresh, or the refresh guard's revert.)
        List<Step> rollout = steps(experiment).stream()
                .filter(step -> !SWAPS.contains(step.action()))
                .toList();
        assertThat(rollout)
                .as(describe(experiment))
                .containsExactly(
                        new Step("CREATE", 0.0),
                        new Step("START", 5.0),
                        new Step("ADVANCE", 10.0),
                        new Step("ADVANCE", 25.0),
                        new Step("ADVANCE", 50.0),
                        new Step("PROMOTE", 100.0),
                        new Step("COMPLETE", 100.0));
        assertThat(actors(experiment)).containsOnly("controller");
        assertThat(auditTrail(experiment.path("id").asText(), "experiment.complete"))
                .extracting(AuditEntry::action)
                .contains("experiment.create", "experiment.start", "experiment.promote", "experiment.complete");

        // The champion now serves the second lineage; the first refreshed while it served, and is retired.
        assertThat(registry.champion()).startsWith("2.");
        assertThat(champions.stream().filter(version -> version.startsWith("1.")))
                .as("lineage 1's champions over the run, %s", champions)
                .hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = Eventually.await(
                "lineage 1 to be retired",
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                loop::assertRunning,
                () -> api.lineages().get(0),
                view -> "retired".equals(view.path("state").asText()));
        assertThat(first.path("ordinal").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void brokenChallengerIsRolledBackToNoTrafficAndTheAuditTrailSaysWhy() throws InterruptedException {
        // Given the champion trained from the feedback (promoted by the test before),
        String champion = registry.champion();
        assertThat(champion).as("the promoted lineage's champion").isNotNull().startsWith("2.");

        // when a copy of it with every weight negated is put into the registry and announced, as a version of a
        // lineage nobody trains (so it challenges the champion instead of refreshing it),
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

        // The champion's lineage stays, and once the replicas read the rollback (within their refresh interval) the
        // broken version serves nobody again. (Another lineage's version may already challenge the champion.)
        assertThat(registry.champion()).startsWith("2.");
        List<String> served = Eventually.await(
                "no ranking by the rolled-back " + broken.version(),
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                loop::assertRunning,
                () -> {
                    List<String> versions = new ArrayList<>();
                    for (int user = 0; user < 20; user++) {
                        versions.add(api.rank(new RankRequest(
                                        "w42-u" + String.format("%05d", user),
                                        Map.of(),
                                        Map.of(),
                                        List.of(new RankRequest.Candidate("w42-i0001", Map.of())),
                                        1))
                                .modelVersion());
                    }
                    return versions;
                },
                versions -> !versions.contains(broken.version()));
        assertThat(served).doesNotContain(broken.version());
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
