package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.router.domain.rollout.CandidatePolicy.Decision;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.statistics.ArmCounts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandidatePolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Rollout rollout = new Rollout(RolloutFixtures.policy(Duration.ZERO));
    private final Experiment waiting = rollout.create("e", "ctr", "1.0.0", "1.1.0", "s", T0, "test");
    private final Experiment firstStep =
            rollout.next(waiting, new ChallengerReady(T0)).experiment();
    private final Experiment secondStep = rollout.next(
                    firstStep,
                    new Analysed(
                            T0.plusSeconds(60),
                            RolloutFixtures.countsUntil(
                                    firstStep,
                                    T0.plusSeconds(60),
                                    new ArmCounts(95_000, 4_750),
                                    new ArmCounts(5_000, 325)),
                            RolloutFixtures.HEALTHY))
            .experiment();

    @Test
    void theFirstVersionBecomesTheChampion() {
        assertThat(CandidatePolicy.decide(null, null, "0.1.0")).isEqualTo(Decision.BECOME_CHAMPION);
    }

    @Test
    void aVersionChallengesTheChampionWhenNoExperimentRuns() {
        assertThat(CandidatePolicy.decide("1.0.0", null, "1.1.0")).isEqualTo(Decision.START_EXPERIMENT);
    }

    @Test
    void aNewerVersionReplacesAChallengerThatHasNotServedYet() {
        assertThat(CandidatePolicy.decide("1.0.0", waiting, "1.2.0")).isEqualTo(Decision.REPLACE_CHALLENGER);
    }

    @Test
    void aNewerVersionWaitsForAServingChallengerFromItsFirstStepOn() {
        // The retrainer publishes more often than a step can end: replacing a serving challenger would never end.
        assertThat(CandidatePolicy.decide("1.0.0", firstStep, "1.2.0")).isEqualTo(Decision.WAIT);
        assertThat(secondStep.step()).isEqualTo(1);
        assertThat(CandidatePolicy.decide("1.0.0", secondStep, "1.2.0")).isEqualTo(Decision.WAIT);
    }

    @Test
    void theChampionOrTheChallengerItselfIsIgnored() {
        assertThat(CandidatePolicy.decide("1.0.0", null, "1.0.0")).isEqualTo(Decision.IGNORE);
        assertThat(CandidatePolicy.decide("1.0.0", firstStep, "1.1.0")).isEqualTo(Decision.IGNORE);
    }
}
