package io.autoloop.router.domain.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
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
        assertThat(test.pValue(1_000, 0, 500).getAsDouble()).isLessThan(0.001);
    }

    @Test
    void matchesTheBetaBinomialBayesFactorByHand() {
        // 10,000 rankings at 5 %, 600 to the challenger; the prior Beta(pK, (1-p)K) with K = 0.95/(0.04 * 0.05) - 1.
        double p = 0.05;
        double k = 0.95 / (0.04 * 0.05) - 1.0;
        double a = p * k;
        double b = (1 - p) * k;
        double logBayesFactor = Gamma.logGamma(a + 600)
                + Gamma.logGamma(b + 9_400)
                - Gamma.logGamma(k + 10_000)
                - (Gamma.logGamma(a) + Gamma.logGamma(b) - Gamma.logGamma(k))
                - 600 * Math.log(p)
                - 9_400 * Math.log(1 - p);

        assertThat(test.pValue(9_400, 600, 500).getAsDouble()).isCloseTo(Math.exp(-logBayesFactor), within(1e-12));
    }

    @Test
    void lookingAfterEveryBatchKeepsTheFalseAlarmRateBelowTheLevel() {
        // Given 2,000 healthy experiments at 5 %, each checked after every one of 200 batches of 100 rankings.
        SplittableRandom random = new SplittableRandom(7);
        int alarms = 0;
        for (int experiment = 0; experiment < 2_000; experiment++) {
            long champion = 0;
            long challenger = 0;
            for (int batch = 0; batch < 200; batch++) {
                for (int ranking = 0; ranking < 100; ranking++) {
                    if (random.nextDouble() < 0.05) {
                        challenger++;
                    } else {
                        champion++;
                    }
                }
                var p = test.pValue(champion, challenger, 500);
                if (p.isPresent() && p.getAsDouble() < 0.01) {
                    alarms++;
                    break;
                }
            }
        }

        // Then at most 1 % of them ever raise an alarm at p < 0.01 (a fixed-sample test would raise far more).
        assertThat(alarms).isLessThanOrEqualTo(20);
    }

    @Test
    void theImpressionsOfOneRankingCountAsOneDrawOfTheSplit() {
        // 4,180 impressions of rankings that show 10 items: 418 rankings, of which 12 (not the expected 20.9) went to
        // a 5 % challenger. Counted as 4,180 independent impressions the split would look broken; as rankings it is
        // within chance.
        assertThat(test.pValue(4_060, 120, 500).getAsDouble()).isLessThan(0.001);

        double p = test.pValue(4_060, 120, 500, 10.0).getAsDouble();

        assertThat(p).isGreaterThan(0.01);
        assertThat(p).isCloseTo(test.pValue(406, 12, 500).getAsDouble(), within(1e-9));
    }

    @Test
    void noPValueWithoutASplitOrWithTooFewImpressions() {
        assertThat(test.pValue(100, 0, 0)).isEmpty();
        assertThat(test.pValue(0, 100, 10_000)).isEmpty();
        assertThat(test.pValue(50, 2, 500)).isEmpty();
        assertThat(test.pValue(1_900, 100, 500, 40.0)).isEmpty();
    }
}
