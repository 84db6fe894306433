package io.autoloop.router.domain.dashboard;

import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Verdict;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import java.time.Instant;
import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * One analysis of an experiment as a point of its time series: the weight it was made at, each arm's cumulative
 * counts with a 95 % Wilson interval of its CTR, the lift with its always-valid interval, the p-values and the
 * verdict. The dashboard draws CTR per arm, lift and p-value over time from these points.
 *
 * @param challengerWeight the challenger's traffic while the analysed counts were gathered, in percent
 * @param lift the relative CTR gain, null before the sequential test has evidence (both arms need a click)
 * @param liftLower the lower end of the always-valid interval of the lift, null with {@code lift}
 * @param liftUpper the upper end of that interval, null with {@code lift}
 * @param pValue {@code 1/Λ} of this analysis, null with {@code lift}
 * @param alwaysValidPValue the running minimum of {@code 1/Λ}, null before any evidence
 * @param srmPValue the sample-ratio p-value of the step, null while it cannot be computed
 * @param futilityUpper the upper end of the futility bound's confidence sequence, null with {@code lift}
 */
public record AnalysisPoint(
        Instant at,
        Phase phase,
        double challengerWeight,
        ArmPoint champion,
        ArmPoint challenger,
        Double lift,
        Double liftLower,
        Double liftUpper,
        Double pValue,
        Double alwaysValidPValue,
        Double srmPValue,
        Verdict verdict,
        Double futilityUpper) {

    /** The two-sided standard normal quantile of the 95 % CTR intervals (1.96). */
    static final double Z_95 = new NormalDistribution(null, 0.0, 1.0).inverseCumulativeProbability(0.975);

    public AnalysisPoint {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * One arm's cumulative counts and CTR, with the 95 % Wilson score interval of the CTR (Wilson 1927; it stays
     * inside [0, 1] and is sensible for few clicks, unlike the normal approximation). The formula is written out
     * rather than taken from commons-math3's {@code WilsonScoreInterval}, which counts trials in an {@code int} (and
     * in 3.6.1 overflows computing {@code 2n} beyond 2^30 trials): an arm's cumulative impressions are a {@code long}
     * and may pass that in a long experiment. The tests hold the formula against that class below 2^30.
     */
    public record ArmPoint(long impressions, long clicks, double ctr, double ctrLower, double ctrUpper) {

        /** The point of {@code counts}; an arm without impressions has CTR 0 and the interval [0, 1]. */
        public static ArmPoint of(ArmCounts counts) {
            long n = counts.impressions();
            if (n == 0) {
                return new ArmPoint(0, 0, 0.0, 0.0, 1.0);
            }
            double p = counts.ctr();
            double z2 = Z_95 * Z_95;
            double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
            double halfWidth = Z_95 / (1.0 + z2 / n) * Math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
            return new ArmPoint(
                    n, counts.clicks(), p, Math.max(0.0, centre - halfWidth), Math.min(1.0, centre + halfWidth));
        }
    }

    /**
     * The point of {@code analysis}, made while the experiment was in {@code phase} at {@code challengerWeight}
     * percent (the state before the analysis' own transition, if it made one).
     */
    public static AnalysisPoint of(Analysis analysis, Phase phase, double challengerWeight) {
        Evidence evidence = analysis.evidence();
        return new AnalysisPoint(
                analysis.at(),
                phase,
                challengerWeight,
                ArmPoint.of(analysis.champion()),
                ArmPoint.of(analysis.challenger()),
                evidence == null ? null : evidence.lift(),
                evidence == null ? null : evidence.liftLower(),
                evidence == null ? null : evidence.liftUpper(),
                evidence == null ? null : evidence.pValue(),
                analysis.alwaysValidPValue(),
                analysis.srmPValue(),
                analysis.verdict(),
                analysis.tests() == null ? null : analysis.tests().futilityUpper());
    }
}
