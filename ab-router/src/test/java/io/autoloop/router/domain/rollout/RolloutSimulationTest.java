package io.autoloop.router.domain.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.router.domain.rollout.RolloutEvent.Analysed;
import io.autoloop.router.domain.rollout.RolloutEvent.ChallengerReady;
import io.autoloop.router.domain.rollout.RolloutEvent.PromotionApplied;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Runs the rollout controller against simulated traffic, 500 seeded experiments per scenario: every analysis interval
 * draws each arm's impressions and clicks of one arm-stats window from binomials (no per-user events), reports the
 * window to {@link Rollout#next} and follows the experiment until it ends or exhausts its budget. The seeds are fixed,
 * so the figures repeat exactly.
 *
 * <p>Traffic: {@value #IMPRESSIONS_PER_INTERVAL} impressions per interval split by the challenger's weight, champion
 * CTR {@value #BASE_CTR}, the default policy (safety steps 5/10/25 %, decision at 50 %, 500 challenger impressions of
 * exposure per safety step, 1,000 impressions per arm before a verdict, +2 % gain, α = 0.05 for gain and harm, 0.1 for
 * futility, SRM at p < 0.001) and a healthy challenger.
 */
class RolloutSimulationTest {

    static final int RUNS = 500;
    static final int IMPRESSIONS_PER_INTERVAL = 20_000;
    static final double BASE_CTR = 0.05;
    /** Experiments are followed for at most 240 intervals (4.8 million impressions). */
    static final int INTERVALS = 240;

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Rollout ROLLOUT = new Rollout(RolloutFixtures.policy(Duration.ZERO));

    /**
     * Outcomes of {@link #RUNS} experiments; the impressions (both arms) spent until the experiments that ended did, at
     * the 50th and 95th percentile; and the median challenger impressions until then.
     */
    record Summary(
            int promoted,
            int rolledBack,
            int noGain,
            int stopped,
            int undecided,
            long p50,
            long p95,
            long challengerP50) {}

    @Test
    void aTenPercentGainIsPromotedAfterAMedianOfAtMost120000Impressions(TestReporter reporter) {
        Summary summary = simulate(0.10, 0, 2);
        report(reporter, "+10%", summary);
        assertThat(summary.promoted()).as("promotions of %s", summary).isGreaterThanOrEqualTo(RUNS * 90 / 100);
        assertThat(summary.p50()).as("median impressions of %s", summary).isLessThanOrEqualTo(120_000);
        assertThat(summary.p95()).as("p95 impressions of %s", summary).isLessThanOrEqualTo(300_000);
    }

    @Test
    void aTenPercentLossIsRolledBackAfterAMedianOfAtMost120000Impressions(TestReporter reporter) {
        Summary summary = simulate(-0.10, 0, 3);
        report(reporter, "-10%", summary);
        assertThat(summary.rolledBack()).as("rollbacks of %s", summary).isGreaterThanOrEqualTo(RUNS * 95 / 100);
        assertThat(summary.p50()).as("median impressions of %s", summary).isLessThanOrEqualTo(120_000);
    }

    @Test
    void aDisasterIsRolledBackAtItsFirstStepAfterLittleExposure(TestReporter reporter) {
        Summary summary = simulate(-0.50, 0, 4);
        report(reporter, "-50%", summary);
        assertThat(summary.rolledBack()).as("rollbacks of %s", summary).isGreaterThanOrEqualTo(RUNS * 99 / 100);
        assertThat(summary.challengerP50())
                .as("median challenger impressions of %s", summary)
                .isLessThanOrEqualTo(1_500);
    }

    @Test
    void aaExperimentsEndAsNoGainAndArePromotedAtMostFivePercentOfTheTime(TestReporter reporter) {
        Summary summary = simulate(0.0, 0, 1);
        report(reporter, "A/A", summary);
        assertThat(summary.promoted()).as("false promotions of %s", summary).isLessThanOrEqualTo(RUNS * 5 / 100);
        assertThat(summary.noGain()).as("no-gain endings of %s", summary).isGreaterThanOrEqualTo(RUNS * 90 / 100);
    }

    @Test
    void analyzerLagLongerThanAStepCausesNoFalseSampleRatioStop(TestReporter reporter) {
        // Given the analyzer delivers each window's impressions three intervals late, in two halves.
        Summary summary = simulate(0.0, 3, 5);
        report(reporter, "A/A, analyzer 3 intervals late", summary);
        assertThat(summary.stopped()).as("sample-ratio stops of %s", summary).isZero();
        assertThat(summary.noGain()).as("no-gain endings of %s", summary).isGreaterThanOrEqualTo(RUNS * 90 / 100);
    }

    /**
     * @param lag how many intervals after its window the analyzer finishes reporting a window; until then it has
     *     reported half of it
     */
    private static Summary simulate(double lift, int lag, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        int promoted = 0;
        int rolledBack = 0;
        int noGain = 0;
        int stopped = 0;
        int undecided = 0;
        long[] used = new long[RUNS];
        long[] challengerUsed = new long[RUNS];
        int ended = 0;
        for (int run = 0; run < RUNS; run++) {
            BinomialSampler binomial = new BinomialSampler(seeds.split());
            Experiment experiment = ROLLOUT.create("sim-" + run, "ctr", "1.0.0", "2.1.0", "seed", T0, "simulation");
            experiment = ROLLOUT.next(experiment, new ChallengerReady(T0)).experiment();
            List<ArmWindow> served = new ArrayList<>();
            long impressions = 0;
            long challengerImpressions = 0;
            for (int interval = 1; interval <= INTERVALS && isRunning(experiment); interval++) {
                Instant start = T0.plus(Duration.ofMinutes(interval - 1));
                Instant at = T0.plus(Duration.ofMinutes(interval));
                int toChallenger = binomial.next(
                        IMPRESSIONS_PER_INTERVAL, (double) experiment.challengerBuckets() / Bucketing.BUCKETS);
                int toChampion = IMPRESSIONS_PER_INTERVAL - toChallenger;
                served.add(new ArmWindow(
                        start,
                        at,
                        new ArmCounts(toChampion, binomial.next(toChampion, BASE_CTR)),
                        new ArmCounts(toChallenger, binomial.next(toChallenger, BASE_CTR * (1.0 + lift)))));
                impressions += IMPRESSIONS_PER_INTERVAL;
                challengerImpressions += toChallenger;
                experiment = ROLLOUT.next(
                                experiment,
                                new Analysed(at, reported(served, interval, lag), RolloutFixtures.HEALTHY, 1.0))
                        .experiment();
                if (experiment.phase() == Phase.PROMOTING) {
                    experiment =
                            ROLLOUT.next(experiment, new PromotionApplied(at)).experiment();
                }
            }
            if (!isRunning(experiment)) {
                challengerUsed[ended] = challengerImpressions;
                used[ended++] = impressions;
            }
            switch (experiment.phase()) {
                case SUCCEEDED -> promoted++;
                case ROLLED_BACK -> rolledBack++;
                case NO_GAIN -> noGain++;
                case STOPPED -> stopped++;
                default -> undecided++;
            }
        }
        long[] sorted = Arrays.copyOf(used, ended);
        Arrays.sort(sorted);
        long[] challengerSorted = Arrays.copyOf(challengerUsed, ended);
        Arrays.sort(challengerSorted);
        return new Summary(
                promoted,
                rolledBack,
                noGain,
                stopped,
                undecided,
                percentile(sorted, 0.50),
                percentile(sorted, 0.95),
                percentile(challengerSorted, 0.50));
    }

    /**
     * What the analyzer has reported by the end of {@code interval}: the newest window without lag; with lag, the
     * windows of the last {@code lag} intervals at half their counts and the older ones whole.
     */
    private static List<ArmWindow> reported(List<ArmWindow> served, int interval, int lag) {
        if (lag == 0) {
            return List.of(served.get(interval - 1));
        }
        List<ArmWindow> reported = new ArrayList<>();
        for (int i = Math.max(0, interval - 1 - lag); i < interval; i++) {
            ArmWindow window = served.get(i);
            reported.add(i < interval - lag ? window : half(window));
        }
        return reported;
    }

    private static ArmWindow half(ArmWindow window) {
        return new ArmWindow(window.start(), window.end(), half(window.champion()), half(window.challenger()));
    }

    private static ArmCounts half(ArmCounts counts) {
        return new ArmCounts(counts.impressions() / 2, counts.clicks() / 2);
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
