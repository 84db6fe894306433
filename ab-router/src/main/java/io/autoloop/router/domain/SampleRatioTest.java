package io.autoloop.router.domain;

import java.util.OptionalDouble;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * The sample-ratio mismatch check: Pearson's χ² goodness-of-fit test (commons-math3) of the impressions each arm got
 * against the split the challenger's weight promises. A tiny p-value means the arms are not being counted as
 * assigned (lost logs, a replica serving the wrong arm, bot filtering on one side), so no lift can be trusted.
 */
public final class SampleRatioTest {

    /** Below this expected count in a cell the χ² approximation is not trusted and no p-value is given. */
    static final double MIN_EXPECTED = 5.0;

    private final ChiSquareTest chiSquare = new ChiSquareTest();

    /**
     * The p-value of {@code champion} and {@code challenger} impressions under a challenger share of
     * {@code challengerBuckets / BUCKETS}; empty when the share is 0 or 1, or an expected count is below
     * {@value #MIN_EXPECTED}.
     */
    public OptionalDouble pValue(long champion, long challenger, int challengerBuckets) {
        if (challengerBuckets <= 0 || challengerBuckets >= Bucketing.BUCKETS) {
            return OptionalDouble.empty();
        }
        double share = (double) challengerBuckets / Bucketing.BUCKETS;
        double total = champion + challenger;
        double[] expected = {total * (1.0 - share), total * share};
        if (expected[0] < MIN_EXPECTED || expected[1] < MIN_EXPECTED) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(chiSquare.chiSquareTest(expected, new long[] {champion, challenger}));
    }
}
