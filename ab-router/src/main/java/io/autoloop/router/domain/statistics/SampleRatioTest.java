package io.autoloop.router.domain.statistics;

import io.autoloop.router.domain.serving.Bucketing;
import java.util.OptionalDouble;
import org.apache.commons.math3.special.Beta;

/**
 * The sample-ratio mismatch check, always valid: a sequential test of the rankings each arm got against the split the
 * challenger's weight promises. A tiny p-value means the arms are not being counted as assigned (lost logs, a replica
 * serving the wrong arm, bot filtering on one side), so no lift can be trusted.
 *
 * <p>The controller looks at a step's counts at every analysis, hundreds of times in a long step; a fixed-sample test
 * such as Pearson's χ² at p &lt; 0.001 would then stop a healthy experiment every few dozen experiments. This test is
 * the Bayes factor of a Beta-binomial mixture against the promised share p (in the manner of Lindon and Malek,
 * "Anytime-valid inference for multinomial count data", NeurIPS 2022):
 *
 * <pre>
 *   BF = B(pK + x, (1−p)K + y) / B(pK, (1−p)K) / (p^x (1−p)^y)
 * </pre>
 *
 * with x challenger and y champion rankings and the prior Beta(pK, (1−p)K) centred on p with a standard deviation of
 * {@value #RELATIVE_SD} of p. BF is a martingale under the promised split, so by Ville's inequality
 * {@code P(BF ever ≥ 1/α) ≤ α}: its p-value {@code 1/BF} may be read at every analysis.
 *
 * <p>The arm is drawn once per ranking, not per impression: the k items of one ranking are k impressions of the same
 * arm, so the counts are divided by the mean impressions per ranking and the test is on rankings.
 */
public final class SampleRatioTest {

    /** Below this expected count of rankings in an arm no p-value is given. */
    static final double MIN_EXPECTED = 5.0;

    /** The prior's standard deviation relative to the promised share: the mismatch the test is most sensitive to. */
    static final double RELATIVE_SD = 0.2;

    /** {@link #pValue(long, long, int, double)} of rankings that show one item each. */
    public OptionalDouble pValue(long champion, long challenger, int challengerBuckets) {
        return pValue(champion, challenger, challengerBuckets, 1.0);
    }

    /**
     * The always-valid p-value of {@code champion} and {@code challenger} impressions under a challenger share of
     * {@code challengerBuckets / BUCKETS}, for rankings of {@code impressionsPerDecision} impressions on average;
     * empty when the share is 0 or 1, or an expected count of rankings is below {@value #MIN_EXPECTED}.
     */
    public OptionalDouble pValue(long champion, long challenger, int challengerBuckets, double impressionsPerDecision) {
        if (!(impressionsPerDecision >= 1.0) || Double.isInfinite(impressionsPerDecision)) {
            throw new IllegalArgumentException(
                    "impressionsPerDecision must be at least 1, but it is " + impressionsPerDecision + ".");
        }
        if (challengerBuckets <= 0 || challengerBuckets >= Bucketing.BUCKETS) {
            return OptionalDouble.empty();
        }
        double share = (double) challengerBuckets / Bucketing.BUCKETS;
        double x = challenger / impressionsPerDecision;
        double y = champion / impressionsPerDecision;
        double total = x + y;
        if (total * share < MIN_EXPECTED || total * (1.0 - share) < MIN_EXPECTED) {
            return OptionalDouble.empty();
        }
        double concentration = Math.max(2.0, (1.0 - share) / (RELATIVE_SD * RELATIVE_SD * share) - 1.0);
        double a = share * concentration;
        double b = (1.0 - share) * concentration;
        double logBayesFactor =
                Beta.logBeta(a + x, b + y) - Beta.logBeta(a, b) - x * Math.log(share) - y * Math.log1p(-share);
        return OptionalDouble.of(Math.min(1.0, Math.exp(-logBayesFactor)));
    }
}
