package io.autoloop.router.domain.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class SampleRatioTestTest {

    private final SampleRatioTest test = new SampleRatioTest();

    @Test
    void theExpectedSplitIsNoMismatch() {
        assertThat(test.pValue(9_500, 500, 500).getAsDouble()).isGreaterThan(0.9);
    }

    @Test
    void aStarvedChallengerIsAMismatch() {
        assertThat(test.pValue(9_650, 350, 500).getAsDouble()).isLessThan(0.001);
    }

    @Test
    void matchesPearsonsStatisticByHand() {
        // Expected 9,500 and 500 for 10,000 at 5 %; observed 9,400 and 600: χ² = 100²/9500 + 100²/500 = 21.05.
        double p = test.pValue(9_400, 600, 500).getAsDouble();

        assertThat(p)
                .isCloseTo(
                        1.0 - new ChiSquaredDistribution(1).cumulativeProbability(10_000.0 / 9_500 + 10_000.0 / 500),
                        within(1e-9));
    }

    @Test
    void theImpressionsOfOneRankingCountAsOneDrawOfTheSplit() {
        // 3,180 impressions of rankings that show 10 items: 318 rankings, of which 20 (not the expected 15.9) went to
        // a 5 % challenger. Nothing is wrong with that split; counted as 3,180 independent impressions it would be.
        assertThat(test.pValue(2_980, 200, 500).getAsDouble()).isLessThan(0.001);

        double p = test.pValue(2_980, 200, 500, 10.0).getAsDouble();

        assertThat(p).isGreaterThan(0.2);
        assertThat(p).isCloseTo(test.pValue(298, 20, 500).getAsDouble(), within(1e-9));
    }

    @Test
    void noPValueWithoutASplitOrWithTooFewImpressions() {
        assertThat(test.pValue(100, 0, 0)).isEmpty();
        assertThat(test.pValue(0, 100, 10_000)).isEmpty();
        assertThat(test.pValue(50, 2, 500)).isEmpty();
        assertThat(test.pValue(1_900, 100, 500, 40.0)).isEmpty();
    }
}
