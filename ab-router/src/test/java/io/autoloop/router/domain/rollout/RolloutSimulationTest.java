package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.rollout.RolloutEvent.PromotionApplied;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Runs the rollout controller against simulated traffic, 500 seeded experiments per scenario: every analysis interval
 * draws each arm's impressions and clicks from binomials (no per-user events), feeds the cumulative counts to
 * {@link Rollout#next} and follows the experiment until it ends or exhausts its budget.
 *
 * <p>Traffic: {@value #IMPRESSIONS_PER_INTERVAL} impressions per interval split by the challenger's weight, champion
 * CTR {@value #BASE_CTR}, the default policy (steps 5/10/25/50/100 %, 1,000 impressions per arm, +2 % gain, α = 0.05,
 * SRM at p < 0.001) and a budget of {@value #BUDGET_INTERVALS} intervals
 * (1,000,000 impressions) for the ±10 % scenarios.
 */
class RolloutSimulationTest {

    static final int RUNS = 500;
    static final int IMPRESSIONS_PER_INTERVAL = 20_000;
    static final double BASE_CTR = 0.05;
    /** A/A experiments are followed for 240 intervals (4.8 million impressions) of repeated looks. */
    static final int AA_INTERVALS = 240;
    /** The impression budget (both arms) within which a ±10 % effect must be decided: 50 intervals. */
    static final int BUDGET_INTERVALS = 50;

    static final long BUDGET = (long) IMPRESSIONS_PER_INTERVAL * BUDGET_INTERVALS;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Outcomes of {@link #RUNS} experiments, and the impressions (both arms) spent until the experiments that ended
     * did, at the 50th, 80th and 95th percentile.
     */
    record Summary(int promoted, int rolledBack, int stopped, int undecided, long p50, long p80, long p95) {}

    private static final Rollout ROLLOUT = new Rollout(RolloutFixtures.policy(Duration.ZERO));

    @Test
    void aaExperimentsArePromotedAtMostFivePercentOfTheTime(TestReporter reporter) {
        Summary summary = simulate(0.0, AA_INTERVALS, 1);
        report(reporter, "A/A", summary);
        assertThat(summary.promoted()).as("false promotions of %s", summary).isLessThanOrEqualTo(RUNS * 5 / 100);
    }

    @Test
    void aTenPercentLiftIsPromotedInAtLeastEightyPercentOfRunsWithinTheBudget(TestReporter reporter) {
        Summary summary = simulate(0.10, BUDGET_INTERVALS, 2);
        report(reporter, "+10%", summary);
        assertThat(summary.promoted()).as("promotions of %s", summary).isGreaterThanOrEqualTo(RUNS * 80 / 100);
    }

    @Test
    void aTenPercentLossIsRolledBackInAtLeastNinetyFivePercentOfRuns(TestReporter reporter) {
        Summary summary = simulate(-0.10, BUDGET_INTERVALS, 3);
        report(reporter, "-10%", summary);
        assertThat(summary.rolledBack()).as("rollbacks of %s", summary).isGreaterThanOrEqualTo(RUNS * 95 / 100);
    }

    private static Summary simulate(double lift, int intervals, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        int promoted = 0;
        int rolledBack = 0;
        int stopped = 0;
        int undecided = 0;
        long[] used = new long[RUNS];
        int ended = 0;
        for (int run = 0; run < RUNS; run++) {
            BinomialSampler binomial = new BinomialSampler(seeds.split());
            Experiment experiment = ROLLOUT.create("sim-" + run, "ctr", "1.0.0", "1.1.0", "seed", T0, "simulation");
            experiment = ROLLOUT.next(experiment, new ChallengerReady(T0)).experiment();
            ArmCounts champion = ArmCounts.ZERO;
            ArmCounts challenger = ArmCounts.ZERO;
            long impressions = 0;
            for (int interval = 1; interval <= intervals && isRunning(experiment); interval++) {
                Instant at = T0.plus(Duration.ofMinutes(interval));
                int toChallenger = binomial.next(
                        IMPRESSIONS_PER_INTERVAL, (double) experiment.challengerBuckets() / Bucketing.BUCKETS);
                int toChampion = IMPRESSIONS_PER_INTERVAL - toChallenger;
                champion = champion.plus(new ArmCounts(toChampion, binomial.next(toChampion, BASE_CTR)));
                challenger = challenger.plus(
                        new ArmCounts(toChallenger, binomial.next(toChallenger, BASE_CTR * (1.0 + lift))));
                impressions += IMPRESSIONS_PER_INTERVAL;
                experiment = ROLLOUT.next(experiment, new Analysed(at, champion, challenger, ChallengerHealth.UNKNOWN))
                        .experiment();
                if (experiment.phase() == Phase.PROMOTING) {
                    experiment =
                            ROLLOUT.next(experiment, new PromotionApplied(at)).experiment();
                }
            }
            if (!isRunning(experiment)) {
                used[ended++] = impressions;
            }
            switch (experiment.phase()) {
                case SUCCEEDED -> promoted++;
                case ROLLED_BACK -> rolledBack++;
                case STOPPED -> stopped++;
                default -> undecided++;
            }
        }
        long[] sorted = Arrays.copyOf(used, ended);
        Arrays.sort(sorted);
        return new Summary(
                promoted,
                rolledBack,
                stopped,
                undecided,
                percentile(sorted, 0.50),
                percentile(sorted, 0.80),
                percentile(sorted, 0.95));
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static void report(TestReporter reporter, String scenario, Summary summary) {
        reporter.publishEntry(scenario, summary.toString());
        System.out.println("simulation " + scenario + ": " + summary);
    }

    private static boolean isRunning(Experiment experiment) {
        return experiment.phase() == Phase.PROGRESSING;
    }
}
