package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.router.domain.rollout.CandidatePolicy.Decision;
import io.autoloop.router.domain.rollout.CandidatePolicy.Serving;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.statistics.ArmCounts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CandidatePolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** The champion's lineage, the running challenger's, and a third way of training. */
    private static final String CHAMPION = "champion-lineage";

    private static final String CHALLENGER = "challenger-lineage";
    private static final String THIRD = "third-lineage";

    private final Rollout rollout = new Rollout(RolloutFixtures.policy(Duration.ZERO));
    private final Experiment waiting = rollout.create("e", "ctr", "1.0.0", "2.0.0", "s", T0, "test");
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

    private static Serving championOnly() {
        return new Serving("1.0.0", CHAMPION, null, null);
    }

    private static Serving during(Experiment running) {
        return new Serving("1.0.0", CHAMPION, running, CHALLENGER);
    }

    @Test
    void theFirstVersionBecomesTheChampion() {
        assertThat(CandidatePolicy.decide(new Serving(null, null, null, null), "0.1.0", CHAMPION))
                .isEqualTo(Decision.BECOME_CHAMPION);
    }

    @Test
    void aVersionOfTheChampionsLineageRefreshesTheChampionWithoutAnExperiment() {
        assertThat(CandidatePolicy.decide(championOnly(), "1.1.0", CHAMPION)).isEqualTo(Decision.REFRESH_CHAMPION);
    }

    @Test
    void aVersionOfAnotherLineageChallengesTheChampionWhenNoExperimentRuns() {
        assertThat(CandidatePolicy.decide(championOnly(), "2.0.0", CHALLENGER)).isEqualTo(Decision.START_EXPERIMENT);
    }

    @Test
    void duringAnExperimentEachArmIsRefreshedByItsOwnLineageInEveryPhase() {
        for (Experiment running : new Experiment[] {waiting, firstStep, secondStep}) {
            assertThat(CandidatePolicy.decide(during(running), "1.1.0", CHAMPION))
                    .as("champion lineage, %s", running.phase())
                    .isEqualTo(Decision.REFRESH_CHAMPION);
            assertThat(CandidatePolicy.decide(during(running), "2.1.0", CHALLENGER))
                    .as("challenger lineage, %s", running.phase())
                    .isEqualTo(Decision.REFRESH_CHALLENGER);
        }
    }

    @Test
    void aThirdLineageReplacesAChallengerThatHasNotServedYet() {
        assertThat(CandidatePolicy.decide(during(waiting), "3.0.0", THIRD)).isEqualTo(Decision.REPLACE_CHALLENGER);
    }

    @Test
    void aThirdLineageWaitsForAServingChallengerFromItsFirstStepOn() {
        // The retrainer publishes more often than a step can end: replacing a serving challenger would never end.
        assertThat(CandidatePolicy.decide(during(firstStep), "3.0.0", THIRD)).isEqualTo(Decision.WAIT);
        assertThat(secondStep.step()).isEqualTo(1);
        assertThat(CandidatePolicy.decide(during(secondStep), "3.0.0", THIRD)).isEqualTo(Decision.WAIT);
    }

    @Test
    void aChampionOfUnknownLineageIsChallengedAsBefore() {
        assertThat(CandidatePolicy.decide(new Serving("1.0.0", null, null, null), "1.1.0", CHAMPION))
                .isEqualTo(Decision.START_EXPERIMENT);
    }

    @Test
    void theChampionOrTheChallengerItselfIsIgnored() {
        assertThat(CandidatePolicy.decide(championOnly(), "1.0.0", CHAMPION)).isEqualTo(Decision.IGNORE);
        assertThat(CandidatePolicy.decide(during(firstStep), "2.0.0", CHALLENGER))
                .isEqualTo(Decision.IGNORE);
    }
}
