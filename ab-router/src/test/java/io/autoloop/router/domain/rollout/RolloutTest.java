package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.guardrail.Guardrail;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.rollout.RolloutEvent.AdminAction;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerRejected;
import io.autoloop.router.domain.rollout.RolloutEvent.Command;
import io.autoloop.router.domain.rollout.RolloutEvent.PromotionApplied;
import io.autoloop.router.domain.rollout.RolloutEvent.Superseded;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import io.autoloop.router.domain.statistics.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every transition of the rollout state machine, one test each, with the numbers it records. */
class RolloutTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    // At the first step (5 %): a +30 % and a -30 % challenger.
    private static final ArmCounts CHAMPION = new ArmCounts(95_000, 4_750);
    private static final ArmCounts BETTER = new ArmCounts(5_000, 325);
    private static final ArmCounts WORSE = new ArmCounts(5_000, 175);
    private static final ChallengerHealth HEALTHY = new ChallengerHealth(1_000, 0, 8.0, 5_000, 1.0);

    private final Rollout rollout = new Rollout(RolloutFixtures.policy(Duration.ZERO));

    private static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    private Experiment waiting() {
        return rollout.create("exp-1", "ctr", "1.0.0", "1.1.0", "seed", T0, "candidate passed the gate");
    }

    private Experiment progressing() {
        return rollout.next(waiting(), new ChallengerReady(T0)).experiment();
    }

    private Change analyse(Experiment experiment, long minute, ArmCounts champion, ArmCounts challenger) {
        return analyse(experiment, minute, champion, challenger, HEALTHY);
    }

    private Change analyse(
            Experiment experiment, long minute, ArmCounts champion, ArmCounts challenger, ChallengerHealth health) {
        return rollout.next(
                experiment,
                new Analysed(
                        minutes(minute),
                        RolloutFixtures.countsUntil(experiment, minutes(minute), champion, challenger),
                        health));
    }

    private Change admin(Experiment experiment, Command command) {
        return rollout.next(experiment, new AdminAction(minutes(1), command, "admin", "by hand"));
    }

    /** Advances a +30 % challenger to {@code step}, 100,000 impressions split by weight per step. */
    private Experiment atStep(int step) {
        Experiment experiment = progressing();
        for (int i = 0; i < step; i++) {
            experiment = analyse(experiment, i + 1, totalsAfter(i, Arm.CHAMPION), totalsAfter(i, Arm.CHALLENGER))
                    .experiment();
        }
        assertThat(experiment.step()).isEqualTo(step);
        return experiment;
    }

    /** Passes a challenger exactly as good as the champion through the safety steps to {@code step}. */
    private Experiment neutralAtStep(int step) {
        Experiment experiment = progressing();
        ArmCounts champion = ArmCounts.ZERO;
        ArmCounts challenger = ArmCounts.ZERO;
        for (int i = 0; i < step; i++) {
            long share = 20_000L * experiment.challengerBuckets() / Bucketing.BUCKETS;
            champion = champion.plus(new ArmCounts(20_000 - share, (20_000 - share) / 20));
            challenger = challenger.plus(new ArmCounts(share, share / 20));
            experiment = analyse(experiment, i + 1, champion, challenger).experiment();
        }
        assertThat(experiment.step()).isEqualTo(step);
        return experiment;
    }

    /** The cumulative counts of an arm after steps {@code 0..last} of a +30 % challenger. */
    private static ArmCounts totalsAfter(int last, Arm arm) {
        int[] shares = {500, 1_000, 2_500, 5_000};
        ArmCounts totals = ArmCounts.ZERO;
        for (int i = 0; i <= last; i++) {
            long challenger = 100_000L * shares[i] / Bucketing.BUCKETS;
            totals = totals.plus(
                    arm == Arm.CHALLENGER
                            ? new ArmCounts(challenger, challenger * 65 / 1_000)
                            : new ArmCounts(100_000 - challenger, (100_000 - challenger) / 20));
        }
        return totals;
    }

    @Test
    void aNewExperimentWaitsWithoutTrafficAndRecordsItsCreation() {
        Experiment experiment = waiting();

        assertThat(experiment.phase()).isEqualTo(Phase.WAITING);
        assertThat(experiment.challengerBuckets()).isZero();
        assertThat(experiment.history())
                .singleElement()
                .satisfies(t -> assertThat(t.action()).isEqualTo(Action.CREATE));
    }

    @Test
    void waitingStartsAtTheFirstStepOnceTheChallengerIsLoaded() {
        Change change = rollout.next(waiting(), new ChallengerReady(minutes(1)));

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().challengerWeight()).isEqualTo(5.0);
        assertThat(change.experiment().startedAt()).isEqualTo(minutes(1));
        assertThat(change.experiment().segments())
                .singleElement()
                .satisfies(s -> assertThat(s.challengerBuckets()).isEqualTo(500));
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.START);
            assertThat(t.fromWeight()).isZero();
            assertThat(t.toWeight()).isEqualTo(5.0);
        });
    }

    @Test
    void waitingRollsBackWhenTheChallengerFailsVerification() {
        Change change = rollout.next(waiting(), new ChallengerRejected(minutes(1), "checksum mismatch"));

        assertThat(change.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(change.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).contains("failed verification", "checksum mismatch"));
    }

    @Test
    void aWaitingChallengerIsSupersededByANewerVersion() {
        Change change = rollout.next(waiting(), new Superseded(minutes(1), "1.2.0"));

        assertThat(change.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(change.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).contains("Superseded", "1.2.0"));
    }

    @Test
    void aServingChallengerIsNotSuperseded() {
        for (Experiment serving : List.of(progressing(), atStep(1))) {
            assertThatThrownBy(() -> rollout.next(serving, new Superseded(minutes(9), "1.2.0")))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("waits for it to finish");
        }
    }

    @Test
    void aSafetyStepWithoutEnoughExposureHoldsAndSaysWhy() {
        Change change = analyse(progressing(), 1, new ArmCounts(900, 45), new ArmCounts(50, 3));

        assertThat(change.transition()).isEmpty();
        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().lastAnalysis().verdict()).isEqualTo(Verdict.HOLD);
        assertThat(change.experiment().lastAnalysis().phase()).isEqualTo(Analysis.SAFETY);
        assertThat(change.experiment().lastAnalysis().reason())
                .contains("waiting for 500 settled challenger impressions");
        assertThat(change.experiment().challengerTotals()).isEqualTo(new ArmCounts(50, 3));
    }

    @Test
    void aSafetyStepAdvancesOnExposureAndSafetyWithoutAnyLift() {
        // Given a challenger exactly as good as the champion, healthy, at the expected split.
        Change change = analyse(progressing(), 1, new ArmCounts(19_000, 950), new ArmCounts(1_000, 50));

        assertThat(change.experiment().step()).isEqualTo(1);
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.ADVANCE);
            assertThat(t.reason()).startsWith("Safe at 5 %");
        });
    }

    @Test
    void aSafetyStepWaitsForTheGuardrailsToBeMeasured() {
        ChallengerHealth unmeasured = new ChallengerHealth(10, 0, 8.0, 0, null);

        Change change = analyse(progressing(), 1, new ArmCounts(19_000, 950), new ArmCounts(1_000, 50), unmeasured);

        assertThat(change.transition()).isEmpty();
        assertThat(change.experiment().lastAnalysis().reason())
                .contains("waiting for the error rate guardrail to be measured");
    }

    @Test
    void aSafetyStepHoldsWhileAGuardrailFails() {
        ChallengerHealth slow = new ChallengerHealth(1_000, 0, 80.0, 0, null);

        Change change = analyse(progressing(), 1, new ArmCounts(19_000, 950), new ArmCounts(1_000, 50), slow);

        assertThat(change.transition()).isEmpty();
        assertThat(change.experiment().lastAnalysis().reason()).contains("the p99 latency guardrail fails");
    }

    @Test
    void aSafeStepAdvancesToTheNextStepWithTheNumbersBehindIt() {
        Change change = analyse(progressing(), 1, CHAMPION, BETTER);

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().step()).isEqualTo(1);
        assertThat(change.experiment().challengerWeight()).isEqualTo(10.0);
        assertThat(change.experiment().segments()).hasSize(2);
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.ADVANCE);
            assertThat(t.actor()).isEqualTo(Rollout.CONTROLLER);
            assertThat(t.numbers())
                    .containsEntry("championImpressions", 95_000L)
                    .containsEntry("challengerClicks", 325L)
                    .containsKeys(
                            "lift",
                            "liftLower",
                            "liftUpper",
                            "pValue",
                            "alwaysValidPValue",
                            "srmPValue",
                            "gainPValue",
                            "harmPValue",
                            "futilityUpper");
            assertThat((double) t.numbers().get("lift")).isBetween(0.29, 0.31);
        });
    }

    @Test
    void aSignificantGainAtTheDecisionStepPromotesAndThePromotionCompletes() {
        Experiment atFifty = atStep(3);

        Change promoted = analyse(atFifty, 10, totalsAfter(3, Arm.CHAMPION), totalsAfter(3, Arm.CHALLENGER));
        Change completed = rollout.next(promoted.experiment(), new PromotionApplied(minutes(10)));

        assertThat(promoted.experiment().phase()).isEqualTo(Phase.PROMOTING);
        assertThat(promoted.experiment().challengerWeight()).isEqualTo(100.0);
        assertThat(promoted.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.PROMOTE);
            assertThat(t.reason()).contains("significantly better");
        });
        assertThat(completed.experiment().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(completed.transition())
                .get()
                .satisfies(t -> assertThat(t.action()).isEqualTo(Action.COMPLETE));
    }

    @Test
    void aSafetyStepNeverPromotesHoweverSignificantTheGain() {
        Change change = analyse(progressing(), 1, CHAMPION, new ArmCounts(5_000, 500));

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().step()).isEqualTo(1);
    }

    @Test
    void aGainBelowTheThresholdEndsTheDecisionStepAsNoGain() {
        // Given a challenger as good as the champion through the safety steps, then +0.5 % on four million
        // impressions per arm at 50 %: a gain of 2 % is no longer plausible.
        Experiment atFifty = neutralAtStep(3);

        Change change = analyse(
                atFifty,
                10,
                atFifty.championTotals().plus(new ArmCounts(4_000_000, 200_000)),
                atFifty.challengerTotals().plus(new ArmCounts(4_000_000, 201_000)));

        assertThat(change.experiment().phase()).isEqualTo(Phase.NO_GAIN);
        assertThat(change.experiment().phase().isTerminal()).isTrue();
        assertThat(change.experiment().challengerBuckets()).isZero();
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.END);
            assertThat(t.reason()).contains("No gain worth promoting");
            assertThat((double) t.numbers().get("futilityUpper")).isLessThan(0.02);
        });
    }

    @Test
    void anUndecidedDecisionStepHoldsAndSaysHowManyImpressionsItStillNeeds() {
        Experiment atFifty = neutralAtStep(3);

        Change change = analyse(
                atFifty,
                10,
                atFifty.championTotals().plus(new ArmCounts(2_000, 100)),
                atFifty.challengerTotals().plus(new ArmCounts(2_000, 100)));

        assertThat(change.transition()).isEmpty();
        Analysis analysis = change.experiment().lastAnalysis();
        assertThat(analysis.phase()).isEqualTo(Analysis.DECISION);
        assertThat(analysis.reason()).startsWith("Decision step").contains("more impressions to decide");
        assertThat(analysis.impressionsToDecide()).isPositive();
    }

    @Test
    void aDisasterIsRolledBackAtTheFirstStepAfterAThousandImpressions() {
        // Given half the champion's CTR on the challenger's first 1,000 impressions.
        Change change = analyse(progressing(), 1, new ArmCounts(19_000, 950), new ArmCounts(1_000, 25));

        assertThat(change.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(change.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).contains("significantly worse"));
    }

    @Test
    void harmWaitsForTheMinimumExposure() {
        Change change = analyse(progressing(), 1, new ArmCounts(7_600, 380), new ArmCounts(400, 0));

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void aSignificantLossRollsBack() {
        Change change = analyse(progressing(), 1, CHAMPION, WORSE);

        assertThat(change.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(change.experiment().challengerBuckets()).isZero();
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.ROLLBACK);
            assertThat(t.reason()).contains("significantly worse");
            assertThat((double) t.numbers().get("lift")).isNegative();
        });
    }

    @ParameterizedTest
    @EnumSource(Guardrail.class)
    void aGuardrailFailingThreeAnalysesInARowRollsBack(Guardrail guardrail) {
        ChallengerHealth failing = switch (guardrail) {
            case ERROR_RATE -> new ChallengerHealth(1_000, 50, 8.0, 5_000, 1.0);
            case P99_LATENCY -> new ChallengerHealth(1_000, 0, 80.0, 5_000, 1.0);
            case CALIBRATION -> new ChallengerHealth(1_000, 0, 8.0, 5_000, 0.5);
        };
        Experiment experiment = progressing();

        Change first = analyse(experiment, 1, ArmCounts.ZERO, ArmCounts.ZERO, failing);
        Change second = analyse(first.experiment(), 2, ArmCounts.ZERO, ArmCounts.ZERO, failing);
        Change third = analyse(second.experiment(), 3, ArmCounts.ZERO, ArmCounts.ZERO, failing);

        assertThat(first.transition()).isEmpty();
        assertThat(second.transition()).isEmpty();
        assertThat(second.experiment().guardrailFailures()).containsEntry(guardrail, 2);
        assertThat(third.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(third.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).contains("guardrail failed 3 analyses in a row"));
    }

    @Test
    void aPassingGuardrailResetsItsStreakAndMissingDataKeepsIt() {
        ChallengerHealth slow = new ChallengerHealth(1_000, 0, 80.0, 0, null);
        ChallengerHealth quiet = new ChallengerHealth(10, 0, null, 0, null);

        Experiment experiment =
                analyse(progressing(), 1, ArmCounts.ZERO, ArmCounts.ZERO, slow).experiment();
        experiment =
                analyse(experiment, 2, ArmCounts.ZERO, ArmCounts.ZERO, quiet).experiment();
        assertThat(experiment.guardrailFailures()).containsEntry(Guardrail.P99_LATENCY, 1);
        experiment =
                analyse(experiment, 3, ArmCounts.ZERO, ArmCounts.ZERO, HEALTHY).experiment();

        assertThat(experiment.guardrailFailures()).containsEntry(Guardrail.P99_LATENCY, 0);
        assertThat(experiment.lastAnalysis().guardrails())
                .extracting(GuardrailReading::status)
                .containsOnly(GuardrailReading.Status.PASS);
    }

    @Test
    void aSampleRatioMismatchStopsAndFlagsTheExperiment() {
        Change change = analyse(progressing(), 1, new ArmCounts(9_800, 490), new ArmCounts(200, 10));

        assertThat(change.experiment().phase()).isEqualTo(Phase.STOPPED);
        assertThat(change.experiment().challengerBuckets()).isZero();
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.STOP);
            assertThat(t.reason()).contains("Sample-ratio mismatch");
            assertThat((double) t.numbers().get("srmPValue")).isLessThan(0.001);
        });
    }

    @Test
    void aChallengerStarvedOfImpressionsIsStoppedWithoutWaitingForItsMinimum() {
        // The step's 1,000 impressions are all the champion's: the challenger never reaches its per-arm minimum.
        Change change = analyse(progressing(), 1, new ArmCounts(1_000, 50), ArmCounts.ZERO);

        assertThat(change.experiment().phase()).isEqualTo(Phase.STOPPED);
        assertThat(change.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).contains("Sample-ratio mismatch"));
    }

    @Test
    void theSampleRatioCheckWaitsUntilBothArmsTogetherHaveTheMinimum() {
        Change change = analyse(progressing(), 1, new ArmCounts(999, 50), ArmCounts.ZERO);

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().lastAnalysis().srmPValue()).isNull();
    }

    @Test
    void windowsStartingWithinTheSettleTimeOfAWeightChangeAreLeftOutOfTheSampleRatioCheck() {
        // Given windows of event time: the first minute after the start, then minutes 1 to 30.
        Rollout settling = new Rollout(RolloutFixtures.policy(Duration.ofMinutes(1)));
        Experiment experiment =
                settling.next(waiting(), new ChallengerReady(T0)).experiment();
        ArmWindow early = new ArmWindow(T0, minutes(1), new ArmCounts(9_800, 490), new ArmCounts(200, 10));
        ArmWindow settled = new ArmWindow(minutes(1), minutes(30), new ArmCounts(20_000, 1_000), ArmCounts.ZERO);

        Change first = settling.next(experiment, new Analysed(minutes(1), List.of(early), HEALTHY));
        Change second = settling.next(first.experiment(), new Analysed(minutes(30), List.of(settled), HEALTHY));

        assertThat(first.experiment().lastAnalysis().srmPValue()).isNull();
        assertThat(second.experiment().phase()).isEqualTo(Phase.STOPPED);
        assertThat(second.experiment().lastAnalysis().stepChampion()).isEqualTo(new ArmCounts(20_000, 1_000));
    }

    @Test
    void aLateWindowCountsForTheStepItWasServedInNotTheStepInForceWhenItArrives() {
        // Given a safe first step, then the analyzer delivering the rest of its last minute only after the advance.
        Experiment experiment = analyse(progressing(), 1, new ArmCounts(19_000, 950), new ArmCounts(1_000, 50))
                .experiment();
        assertThat(experiment.step()).isEqualTo(1);
        ArmWindow lateRest = new ArmWindow(T0, minutes(1), new ArmCounts(38_000, 1_900), new ArmCounts(2_000, 100));
        ArmWindow atTen = new ArmWindow(minutes(1), minutes(2), new ArmCounts(9_000, 450), new ArmCounts(1_000, 50));

        // When both arrive at the next analysis.
        Change change = rollout.next(experiment, new Analysed(minutes(2), List.of(lateRest, atTen), HEALTHY));

        // Then the late window lands in the 5 % segment and the 10 % step's split holds.
        assertThat(change.experiment().segments().get(0).open()).hasSize(1);
        assertThat(change.experiment().lastAnalysis().stepChallenger()).isEqualTo(new ArmCounts(1_000, 50));
        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().challengerTotals()).isEqualTo(new ArmCounts(3_000, 150));
    }

    @Test
    void aWindowStaysInTheStepItWasFirstFiledIn() {
        // Given a window stamped ahead of the controller's clock, filed at 5 %, and the step changing to 10 % before
        // the window's start.
        ArmWindow ahead = new ArmWindow(minutes(2), minutes(3), new ArmCounts(19_000, 950), new ArmCounts(1_000, 50));
        Experiment experiment = rollout.next(progressing(), new Analysed(minutes(1), List.of(ahead), HEALTHY))
                .experiment();
        assertThat(experiment.step()).isEqualTo(1);

        // When the analyzer reports the same window again at the next analysis.
        Change change = rollout.next(experiment, new Analysed(minutes(2), List.of(ahead), HEALTHY));

        // Then it is counted once, in the 5 % segment, and the 10 % step has nothing to mismatch.
        assertThat(change.experiment().challengerTotals()).isEqualTo(new ArmCounts(1_000, 50));
        assertThat(change.experiment().segments().get(1).open()).isEmpty();
        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
    }

    @Test
    void anAdminPausesAProgressingExperiment() {
        Change change = admin(progressing(), Command.PAUSE);

        assertThat(change.experiment().phase()).isEqualTo(Phase.PAUSED);
        assertThat(change.experiment().challengerWeight()).isEqualTo(5.0);
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.actor()).isEqualTo("admin");
            assertThat(t.reason()).isEqualTo("Paused by admin: by hand");
        });
    }

    @Test
    void aPausedExperimentNeverAdvancesButStillRollsBackOnHarm() {
        Experiment paused = admin(progressing(), Command.PAUSE).experiment();

        Change gain = analyse(paused, 2, CHAMPION, BETTER);
        Change harm = analyse(paused, 2, CHAMPION, WORSE);

        assertThat(gain.experiment().phase()).isEqualTo(Phase.PAUSED);
        assertThat(gain.experiment().lastAnalysis().reason()).startsWith("Paused");
        assertThat(harm.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void aSampleRatioMismatchStopsAPausedExperiment() {
        Experiment paused = admin(progressing(), Command.PAUSE).experiment();

        Change change = analyse(paused, 2, new ArmCounts(9_800, 490), new ArmCounts(200, 10));

        assertThat(change.experiment().phase()).isEqualTo(Phase.STOPPED);
        assertThat(change.experiment().challengerBuckets()).isZero();
        assertThat(change.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.STOP);
            assertThat(t.from()).isEqualTo(Phase.PAUSED);
            assertThat(t.fromWeight()).isEqualTo(5.0);
            assertThat(t.reason()).contains("Sample-ratio mismatch");
            assertThat((double) t.numbers().get("srmPValue")).isLessThan(0.001);
        });
    }

    @Test
    void aGuardrailFailingThreeAnalysesInARowRollsBackAPausedExperiment() {
        ChallengerHealth erroring = new ChallengerHealth(1_000, 50, 8.0, 5_000, 1.0);
        Experiment paused = admin(progressing(), Command.PAUSE).experiment();

        Change first = analyse(paused, 2, ArmCounts.ZERO, ArmCounts.ZERO, erroring);
        Change second = analyse(first.experiment(), 3, ArmCounts.ZERO, ArmCounts.ZERO, erroring);
        Change third = analyse(second.experiment(), 4, ArmCounts.ZERO, ArmCounts.ZERO, erroring);

        assertThat(second.experiment().phase()).isEqualTo(Phase.PAUSED);
        assertThat(second.experiment().guardrailFailures()).containsEntry(Guardrail.ERROR_RATE, 2);
        assertThat(third.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(third.experiment().challengerBuckets()).isZero();
        assertThat(third.transition()).get().satisfies(t -> {
            assertThat(t.action()).isEqualTo(Action.ROLLBACK);
            assertThat(t.from()).isEqualTo(Phase.PAUSED);
            assertThat(t.actor()).isEqualTo(Rollout.CONTROLLER);
            assertThat(t.reason()).contains("error rate guardrail failed 3 analyses in a row");
        });
    }

    @Test
    void anAdminResumesAPausedExperiment() {
        Experiment paused = admin(progressing(), Command.PAUSE).experiment();

        Change change = admin(paused, Command.RESUME);

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().segments()).hasSize(1);
    }

    @Test
    void anAdminResumesAStoppedExperimentAtItsStepWithAFreshSegment() {
        Experiment stopped = analyse(progressing(), 1, new ArmCounts(9_800, 490), new ArmCounts(200, 10))
                .experiment();

        Change change = admin(stopped, Command.RESUME);

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROGRESSING);
        assertThat(change.experiment().challengerWeight()).isEqualTo(5.0);
        assertThat(change.experiment().segments())
                .extracting(Segment::challengerBuckets)
                .containsExactly(500, 0, 500);
        assertThat(change.experiment().segments().get(2).settledChampion()).isEqualTo(ArmCounts.ZERO);
    }

    @ParameterizedTest
    @EnumSource(
            value = Phase.class,
            names = {"PROGRESSING", "PAUSED", "STOPPED"})
    void anAdminPromotesAServingOrStoppedChallenger(Phase phase) {
        Experiment experiment = inPhase(phase);

        Change change = admin(experiment, Command.PROMOTE);

        assertThat(change.experiment().phase()).isEqualTo(Phase.PROMOTING);
        assertThat(change.experiment().challengerWeight()).isEqualTo(100.0);
    }

    @ParameterizedTest
    @EnumSource(
            value = Phase.class,
            names = {"WAITING", "PROGRESSING", "PAUSED", "STOPPED"})
    void anAdminRollsBackAnUnfinishedExperiment(Phase phase) {
        Change change = admin(inPhase(phase), Command.ROLLBACK);

        assertThat(change.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(change.experiment().challengerBuckets()).isZero();
        assertThat(change.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("Rolled back by admin: by hand"));
    }

    @Test
    void commandsThatThePhaseDoesNotAllowAreRefused() {
        Experiment promoting = admin(progressing(), Command.PROMOTE).experiment();

        assertThatThrownBy(() -> admin(waiting(), Command.PROMOTE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is waiting and cannot be promoted");
        assertThatThrownBy(() -> admin(waiting(), Command.PAUSE)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> admin(progressing(), Command.RESUME)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> admin(promoting, Command.ROLLBACK))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("already being promoted");
    }

    @ParameterizedTest
    @EnumSource(
            value = Command.class,
            names = {"PAUSE", "RESUME", "PROMOTE", "ROLLBACK"})
    void aFinishedExperimentAcceptsNoFurtherChange(Command command) {
        Experiment rolledBack = admin(progressing(), Command.ROLLBACK).experiment();

        assertThatThrownBy(() -> admin(rolledBack, command))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is already rolled back");
    }

    @Test
    void anExperimentThatStaysInconclusiveRollsBackAfterItsMaximumDuration() {
        Change change = analyse(
                progressing(), Duration.ofDays(7).toMinutes(), new ArmCounts(20_000, 1_000), new ArmCounts(1_050, 55));

        assertThat(change.experiment().phase()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(change.transition())
                .get()
                .satisfies(t -> assertThat(t.reason()).startsWith("Inconclusive"));
    }

    @Test
    void eventsThatDoNotApplyToThePhaseChangeNothing() {
        Experiment waiting = waiting();
        Experiment progressing = progressing();

        assertThat(analyse(waiting, 1, CHAMPION, BETTER).experiment()).isEqualTo(waiting);
        assertThat(rollout.next(progressing, new ChallengerReady(minutes(1))).experiment())
                .isEqualTo(progressing);
        assertThat(rollout.next(progressing, new PromotionApplied(minutes(1))).transition())
                .isEmpty();
    }

    @Test
    void theAlwaysValidPValueIsTheRunningMinimum() {
        Experiment experiment = analyse(progressing(), 1, new ArmCounts(20_000, 1_000), new ArmCounts(1_000, 70))
                .experiment();
        double first = experiment.alwaysValidPValue();

        experiment = analyse(experiment, 2, new ArmCounts(40_000, 2_000), new ArmCounts(2_000, 100))
                .experiment();

        assertThat(experiment.lastAnalysis().evidence().pValue()).isGreaterThan(first);
        assertThat(experiment.alwaysValidPValue()).isEqualTo(first);
    }

    private Experiment inPhase(Phase phase) {
        return switch (phase) {
            case WAITING -> waiting();
            case PROGRESSING -> progressing();
            case PAUSED -> admin(progressing(), Command.PAUSE).experiment();
            case STOPPED ->
                analyse(progressing(), 1, new ArmCounts(9_800, 490), new ArmCounts(200, 10))
                        .experiment();
            default -> throw new IllegalArgumentException(phase.name());
        };
    }
}
