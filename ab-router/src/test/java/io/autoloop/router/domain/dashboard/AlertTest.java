package io.autoloop.router.domain.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.TrainerHealth;
import io.autoloop.contracts.TrainerHealth.State;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.domain.rollout.RolloutEvent.AdminAction;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.rollout.RolloutEvent.Command;
import io.autoloop.router.domain.rollout.RolloutFixtures;
import io.autoloop.router.domain.statistics.ArmCounts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final double SRM_ALPHA = 0.001;

    private final Rollout rollout = new Rollout(RolloutFixtures.policy(Duration.ZERO));

    @Test
    void aHealthyProgressingExperimentRaisesNone() {
        Experiment experiment = analysed(started(), 19_000, 1_000, ChallengerHealth.UNKNOWN);

        assertThat(experiment.phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(Alert.of(experiment, SRM_ALPHA)).isEmpty();
    }

    @Test
    void aSampleRatioMismatchStopsTheExperimentAndIsFlagged() {
        // Given a 5 % step whose challenger got three times its share
        Experiment stopped = analysed(started(), 17_000, 3_000, ChallengerHealth.UNKNOWN);

        // Then the experiment is stopped and the alert names the mismatch and its p-value
        assertThat(stopped.phase()).isEqualTo(Phase.STOPPED);
        assertThat(Alert.of(stopped, SRM_ALPHA)).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(Alert.Kind.SAMPLE_RATIO_MISMATCH);
            assertThat(alert.message()).startsWith("Stopped on a sample-ratio mismatch (p = ");
        });
    }

    @Test
    void aFailingGuardrailIsFlaggedWithItsValueAndStreak() {
        // Given a challenger that failed 5 % of its requests at one analysis
        ChallengerHealth failing = new ChallengerHealth(1_000, 50, 12.0, 0, null);
        Experiment experiment = analysed(started(), 19_000, 1_000, failing);

        assertThat(Alert.of(experiment, SRM_ALPHA))
                .containsExactly(new Alert(
                        Alert.Kind.GUARDRAIL,
                        "The error rate guardrail fails: 0.05000 against the limit 0.01000 (1 analyses in a row)."));
    }

    @Test
    void aPausedExperimentIsFlagged() {
        Experiment paused = rollout.next(started(), new AdminAction(T0.plusSeconds(30), Command.PAUSE, "admin", null))
                .experiment();

        assertThat(Alert.of(paused, SRM_ALPHA)).extracting(Alert::kind).containsExactly(Alert.Kind.PAUSED);
    }

    @Test
    void anEndedExperimentRaisesNone() {
        Experiment paused = rollout.next(started(), new AdminAction(T0.plusSeconds(30), Command.PAUSE, "admin", null))
                .experiment();
        Experiment rolledBack = rollout.next(
                        paused, new AdminAction(T0.plusSeconds(60), Command.ROLLBACK, "admin", "done"))
                .experiment();

        assertThat(Alert.of(rolledBack, SRM_ALPHA)).isEmpty();
    }

    @Test
    void healthyTrainingThatIsReportedRaisesNone() {
        TrainerHealth healthy = report(State.HEALTHY, null);

        assertThat(Alert.ofTraining(healthy, T0.plusSeconds(1))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "STALLED, TRAINING_STALLED, 'Training is stalled: No new sample has been learned for 200 s.'",
        "FAILING, TRAINING_FAILING, 'Training is failing: No new sample has been learned for 200 s.'"
    })
    void stalledOrFailingTrainingIsFlaggedWithTheRetrainersSentence(State state, Alert.Kind kind, String message) {
        TrainerHealth report = report(state, "No new sample has been learned for 200 s.");

        assertThat(Alert.ofTraining(report, T0.plusSeconds(1))).containsExactly(new Alert(kind, message));
    }

    @Test
    void aStaleReportIsFlaggedWhateverItSaid() {
        // Given a healthy report whose writer should have written the next one by staleAt
        TrainerHealth healthy = report(State.HEALTHY, null);

        // Then from staleAt on it says nothing any more, and the silence is the alert
        assertThat(Alert.ofTraining(healthy, healthy.staleAt().minusMillis(1))).isEmpty();
        assertThat(Alert.ofTraining(healthy, healthy.staleAt()))
                .containsExactly(new Alert(
                        Alert.Kind.TRAINING_UNREPORTED,
                        "The retrainer has not reported on this model's training since 2026-11-30T09:00:00Z: it may"
                                + " have stopped; its last report said healthy."));
    }

    @Test
    void noReportAtAllIsFlagged() {
        assertThat(Alert.ofTraining(null, T0)).extracting(Alert::kind).containsExactly(Alert.Kind.TRAINING_UNREPORTED);
    }

    private static TrainerHealth report(State state, String detail) {
        return new TrainerHealth(
                TrainerHealth.SCHEMA_VERSION,
                "ctr",
                "1@host/a",
                state,
                detail,
                T0,
                T0.plusSeconds(15),
                T0,
                5_000,
                0,
                0,
                0);
    }

    private Experiment started() {
        Experiment created = rollout.create("ctr-1.1.0-test", "ctr", "1.0.0", "1.1.0", "seed", T0, "test");
        return rollout.next(created, new ChallengerReady(T0)).experiment();
    }

    private Experiment analysed(Experiment experiment, long champion, long challenger, ChallengerHealth health) {
        return rollout.next(
                        experiment,
                        new Analysed(
                                T0.plus(Duration.ofMinutes(1)),
                                RolloutFixtures.countsUntil(
                                        experiment,
                                        T0.plus(Duration.ofMinutes(1)),
                                        new ArmCounts(champion, champion / 20),
                                        new ArmCounts(challenger, challenger / 20)),
                                health))
                .experiment();
    }
}
