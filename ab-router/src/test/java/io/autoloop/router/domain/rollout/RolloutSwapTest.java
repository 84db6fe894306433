package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refresh or a revert of one arm during an experiment: the version moves, the experiment and its counts stay. */
class RolloutSwapTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Rollout rollout = new Rollout(RolloutFixtures.policy(Duration.ZERO));
    private final Experiment progressing = rollout.next(
                    rollout.next(rollout.create("e", "ctr", "1.0.0", "2.0.0", "s", T0, "test"), new ChallengerReady(T0))
                            .experiment(),
                    new Analysed(
                            T0.plusSeconds(60),
                            List.of(new ArmWindow(
                                    T0, T0.plusSeconds(60), new ArmCounts(9_500, 475), new ArmCounts(500, 30))),
                            ChallengerHealth.UNKNOWN))
            .experiment();

    @Test
    void aRefreshMovesTheChallengersVersionAndKeepsTheExperimentGoing() {
        Instant at = T0.plusSeconds(90);

        Change change = rollout.swap(
                progressing, Arm.CHALLENGER, "2.1.0", Action.REFRESH, at, "A refresh.", Map.of("auc", 0.74));

        Experiment refreshed = change.experiment();
        assertThat(refreshed.challenger()).isEqualTo("2.1.0");
        assertThat(refreshed.champion()).isEqualTo("1.0.0");
        assertThat(refreshed.phase()).isEqualTo(progressing.phase());
        assertThat(refreshed.challengerBuckets()).isEqualTo(progressing.challengerBuckets());
        assertThat(refreshed.challengerTotals()).isEqualTo(new ArmCounts(500, 30));
        assertThat(refreshed.segments()).isEqualTo(progressing.segments());
        assertThat(change.transition()).hasValueSatisfying(transition -> {
            assertThat(transition.action()).isEqualTo(Action.REFRESH);
            assertThat(transition.from()).isEqualTo(transition.to()).isEqualTo(Phase.PROGRESSING);
            assertThat(transition.fromWeight()).isEqualTo(transition.toWeight()).isEqualTo(5.0);
            assertThat(transition.numbers())
                    .containsEntry("arm", "challenger")
                    .containsEntry("from", "2.0.0")
                    .containsEntry("to", "2.1.0")
                    .containsEntry("auc", 0.74);
        });
        assertThat(refreshed.history()).last().isEqualTo(change.transition().get());
    }

    @Test
    void aRevertMovesTheChampionBack() {
        Experiment refreshed = rollout.swap(
                        progressing, Arm.CHAMPION, "1.1.0", Action.REFRESH, T0.plusSeconds(90), "A refresh.", Map.of())
                .experiment();

        Change reverted = rollout.swap(
                refreshed, Arm.CHAMPION, "1.0.0", Action.REVERT, T0.plusSeconds(120), "Miscalibrated.", Map.of());

        assertThat(reverted.experiment().champion()).isEqualTo("1.0.0");
        assertThat(reverted.experiment().history())
                .extracting(Transition::action)
                .endsWith(Action.REFRESH, Action.REVERT);
    }

    @Test
    void anEndedExperimentsArmsNoLongerMove() {
        Experiment ended = rollout.next(
                        progressing,
                        new RolloutEvent.AdminAction(T0.plusSeconds(90), RolloutEvent.Command.ROLLBACK, "admin", null))
                .experiment();

        assertThatThrownBy(() -> rollout.swap(
                        ended, Arm.CHALLENGER, "2.1.0", Action.REFRESH, T0.plusSeconds(100), "late", Map.of()))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("Experiment e is already rolled back; its arms no longer change versions.");
    }
}
