package io.autoloop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.testing.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A router restart with real processes. The packaged ab-router, alone on a model of its own ({@link StandaloneRouter}),
 * experiments a challenger and advances it to its second step (10 %); its users' arms and the experiment are recorded.
 * Then the process is stopped and a new one started on the same Redis — first after SIGTERM, then after SIGKILL. Each
 * time every user gets the arm and model version they had, the experiment shows the same phase, step, weight and
 * history, its revision goes on from the one the stopped process left, and the new process takes the controller lease:
 * released at shutdown after SIGTERM, expired after SIGKILL. The two tests are one scenario, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouterRestartIT {

    private static final int USERS = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How far apart two readings of the served arms must agree: eight of the router's routing-table refreshes. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** A version of another lineage than the champion's 1.0.0, so it challenges it. */
    private static final String CHALLENGER = "2.1.0";

    private StandaloneRouter router;
    private RedisStore redis;
    private RegistryWriter registry;
    private String experimentId;
    private Map<String, Served> servedBefore;
    private JsonNode shownBefore;
    private String challengerUser;

    /** The arm a user was served and the model version that ranked for them. */
    private record Served(String arm, String modelVersion) {}

    @BeforeAll
    void advanceAnExperimentToItsSecondStep() throws InterruptedException {
        router = StandaloneRouter.create("restart");
        redis = new RedisStore(Loop.redis());
        registry = new RegistryWriter(router.model(), redis);
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        registry.publishTrained("1.0.0", t0);
        router.start("replica-1");
        await("1.0.0 to become the champion", registry::champion, "1.0.0"::equals);

        registry.publishTrained(CHALLENGER, t0.plus(Duration.ofHours(1)));
        JsonNode started = await(
                "the experiment of " + CHALLENGER + " to start",
                () -> router.experimentOf(CHALLENGER),
                experiment -> "PROGRESSING".equals(experiment.path("phase").asText()));
        experimentId = started.path("id").asText();
        // Traffic for the router to measure the challenger's guardrails on, and a safe first step: the controller
        // advances it to 10 %.
        for (int user = 0; user < USERS; user++) {
            router.rank("warm-up-" + user);
        }
        // The window is one of serving time since the challenger started, as the analyzer's would be.
        Instant servedFrom = Instant.parse(started.path("startedAt").asText());
        publishArmStats(new long[] {95_000, 4_750}, new long[] {5_000, 325}, servedFrom.plusSeconds(60));
        shownBefore = await(
                "the experiment to advance to 10 %",
                () -> router.experiment(experimentId),
                experiment -> experiment.path("challengerWeight").asDouble() == 10.0);

        servedBefore = settledServedArms();
        challengerUser = servedBefore.entrySet().stream()
                .filter(served -> served.getValue().arm().equals("challenger"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("No user of " + USERS + " in the challenger's 10 %."));
        assertThat(servedBefore.values())
                .contains(new Served("champion", "1.0.0"), new Served("challenger", CHALLENGER));
        assertThat(history(shownBefore)).containsExactly("CREATE", "START", "ADVANCE");
        assertThat(router.leaseHolder()).isEqualTo("replica-1");
    }

    @AfterAll
    void stop() {
        if (router != null) {
            router.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void afterSigtermANewProcessServesTheSameArmsAndStateAndTakesTheReleasedLease() throws InterruptedException {
        // When the router is stopped with SIGTERM,
        router.stop();

        // it has released the lease on its way out,
        assertThat(router.leaseHolder()).as("the lease after a SIGTERM").isNull();
        long revisionLeft = router.storedRevision(experimentId);

        // and a new process on the same Redis serves and shows what the old one did, and takes over the controller.
        router.start("replica-2");
        assertNothingWasLost(revisionLeft, "replica-2");
    }

    @Test
    @Order(2)
    void afterSigkillANewProcessServesTheSameArmsAndStateAndTakesTheLeaseOnceItExpired() throws InterruptedException {
        // When the router is killed with SIGKILL,
        router.kill();

        // its lease stays until it expires,
        assertThat(router.leaseHolder()).as("the lease after a SIGKILL").isEqualTo("replica-2");
        long revisionLeft = router.storedRevision(experimentId);

        // and a new process on the same Redis serves and shows what the old one did, and takes over the controller.
        router.start("replica-3");
        assertNothingWasLost(revisionLeft, "replica-3");
    }

    private void assertNothingWasLost(long revisionLeft, String replica) throws InterruptedException {
        await(
                "the new process to serve the challenger " + CHALLENGER,
                () -> router.rank(challengerUser).modelVersion(),
                CHALLENGER::equals);
        assertThat(servedArms()).isEqualTo(servedBefore);

        JsonNode shown = router.experiment(experimentId);
        for (String field :
                new String[] {"phase", "step", "challengerWeight", "champion", "challenger", "startedAt", "history"}) {
            assertThat(shown.path(field)).as(field).isEqualTo(shownBefore.path(field));
        }
        assertThat(shown.path("revision").asLong()).isGreaterThanOrEqualTo(revisionLeft);

        await("the new process to hold the controller lease", router::leaseHolder, replica::equals);
        JsonNode analysed = await(
                "the new process's controller to write the experiment past revision " + revisionLeft,
                () -> router.experiment(experimentId),
                experiment -> experiment.path("revision").asLong() > revisionLeft);
        assertThat(analysed.path("phase")).isEqualTo(shownBefore.path("phase"));
        assertThat(analysed.path("history")).isEqualTo(shownBefore.path("history"));
    }

    /**
     * Publishes the first window of both arms of the experiment as the error-analyzer does: each arm's
     * {@code {impressions, clicks}} in the window ending at {@code windowEnd}, which are also its cumulative counts.
     */
    private void publishArmStats(long[] champion, long[] challenger, Instant windowEnd) {
        Topic<ArmStats> armStats = new Topic<>(router.topic(Topics.EXPERIMENT_ARM_STATS), ArmStats.class);
        try (TopicWriter writer = TopicWriter.localStack()) {
            for (Arm arm : Arm.values()) {
                long[] counts = arm == Arm.CHAMPION ? champion : challenger;
                writer.send(
                        armStats,
                        experimentId,
                        new ArmStats(
                                ArmStats.SCHEMA_VERSION,
                                experimentId,
                                arm,
                                null,
                                counts[0],
                                counts[1],
                                counts[0],
                                counts[1],
                                windowEnd.minusSeconds(60),
                                windowEnd));
            }
        }
    }

    /**
     * {@link #servedArms()} once two readings {@link #SETTLE} apart agree: the API shows a new weight as soon as the
     * controller has written it, but ranking follows only at the router's next refresh of its routing table, later
     * still on a loaded machine.
     */
    private Map<String, Served> settledServedArms() throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        Map<String, Served> previous = servedArms();
        while (true) {
            Thread.sleep(SETTLE.toMillis());
            Map<String, Served> current = servedArms();
            if (current.equals(previous)) {
                return current;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The arms served to " + USERS + " users still changed after " + WAIT + ".");
            }
            previous = current;
        }
    }

    /** The arm and version each of {@value #USERS} users is served, by user id. */
    private Map<String, Served> servedArms() throws InterruptedException {
        Map<String, Served> served = new LinkedHashMap<>();
        for (int i = 0; i < USERS; i++) {
            String user = "restart-user-" + i;
            RankResponse response = router.rank(user);
            assertThat(response.experimentId()).as(user).isEqualTo(experimentId);
            served.put(user, new Served(response.arm(), response.modelVersion()));
        }
        return served;
    }

    private static List<String> history(JsonNode experiment) {
        List<String> actions = new ArrayList<>();
        experiment.path("history").forEach(t -> actions.add(t.path("action").asText()));
        return actions;
    }

    private <T> T await(String what, Eventually.Reading<T> reading, Predicate<T> done) throws InterruptedException {
        return Eventually.await(what, WAIT, Duration.ofMillis(250), router::assertRunning, reading, done);
    }
}
