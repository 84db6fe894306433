package io.autoloop.router.domain.statistics;

import io.autoloop.router.domain.serving.Bucketing;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The sample-ratio mismatch check: Pearson's χ² goodness-of-fit test of the impressions each arm got against the split
 * the challenger's weight promises. A tiny p-value means the arms are not being counted as assigned (lost logs, a
 * replica serving the wrong arm, bot filtering on one side), so no lift can be trusted.
 *
 * <p>The arm is drawn once per ranking, not per impression: the k items of one ranking are k impressions of the same
 * arm. Counted as k independent draws, the χ² statistic is k times too large (the design effect of clusters of equal
 * size), and with slates of 10 a true 5 % split fails a check at p &lt; 0.001 about a third of the time. So the
 * statistic is divided by the mean impressions per ranking: the test is on rankings.
 */
public final class SampleRatioTest {

    /** Below this expected count in a cell the χ² approximation is not trusted and no p-value is given. */
    static final double MIN_EXPECTED = 5.0;

    private final ChiSquaredDistribution oneDegree = new ChiSquaredDistribution(null, 1.0);

    /** {@link #pValue(long, long, int, double)} of rankings that show one item each. */
    public OptionalDouble pValue(long champion, long challenger, int challengerBuckets) {
        return pValue(champion, challenger, challengerBuckets, 1.0);
    }

    /**
     * The p-value of {@code champion} and {@code challenger} impressions under a challenger share of
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
        double[] observed = {champion / impressionsPerDecision, challenger / impressionsPerDecision};
        double total = observed[0] + observed[1];
        double[] expected = {total * (1.0 - share), total * share};
        if (expected[0] < MIN_EXPECTED || expected[1] < MIN_EXPECTED) {
            return OptionalDouble.empty();
        }
        double statistic = 0.0;
        for (int i = 0; i < 2; i++) {
            double difference = observed[i] - expected[i];
            statistic += difference * difference / expected[i];
        }
        return OptionalDouble.of(1.0 - oneDegree.cumulativeProbability(statistic));
    }
}
