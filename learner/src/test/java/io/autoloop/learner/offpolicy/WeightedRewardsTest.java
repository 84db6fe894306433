package io.autoloop.learner.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WeightedRewardsTest {

    /** λ = 1.5, minimum ESS 2, z = 2 (so that the hand-computed intervals stay readable). */
    private static final OffPolicyParameters PARAMETERS = new OffPolicyParameters(1.5, 2.0, 2.0);

    /** Four logged rounds: weights 2, 0.5, 1, 4 with rewards 1, 0, 1, 0. */
    private static final double[] WEIGHTS = {2.0, 0.5, 1.0, 4.0};

    private static final double[] REWARDS = {1.0, 0.0, 1.0, 0.0};

    static Stream<Arguments> handComputedEstimates() {
        return Stream.of(
                // IPS: w·r = 2, 0, 1, 0; mean 3/4; squared deviations sum to 2.75; se² = 2.75 / 3 / 4;
                // ESS = (Σw)² / Σw² = 7.5² / (4 + 0.25 + 1 + 16)
                Arguments.of(Estimator.IPS, 3.0 / 4, Math.sqrt(2.75 / 3 / 4), 56.25 / 21.25),
                // SNIPS: Σw·r / Σw = 3 / 7.5 = 0.4; residuals w·r − 0.4·w = 1.2, −0.2, 0.6, −1.6 square to 4.4;
                // se² = 4/3 · 4.4 / 7.5²
                Arguments.of(Estimator.SNIPS, 0.4, Math.sqrt(4.0 / 3 * 4.4 / 56.25), 56.25 / 21.25),
                // clipped IPS: min(w, 1.5) = 1.5, 0.5, 1, 1.5; min(w, 1.5)·r = 1.5, 0, 1, 0; mean 2.5 / 4;
                // squared deviations sum to 1.6875; se² = 1.6875 / 3 / 4; ESS = 4.5² / (2.25 + 0.25 + 1 + 2.25)
                Arguments.of(Estimator.CLIPPED_IPS, 2.5 / 4, Math.sqrt(1.6875 / 3 / 4), 20.25 / 5.75));
    }

    @ParameterizedTest
    @MethodSource("handComputedEstimates")
    void estimatesIntervalsAndEffectiveSampleSizesMatchTheHandComputedOnes(
            Estimator estimator, double expected, double standardError, double ess) {
        // given four logged rounds
        WeightedRewards rewards = new WeightedRewards(PARAMETERS);
        for (int i = 0; i < WEIGHTS.length; i++) {
            rewards.add(WEIGHTS[i], REWARDS[i]);
        }

        // when the estimator is asked
        OffPolicyEstimate estimate = rewards.estimate(estimator);

        // then the estimate, its interval (± z·se with z = 2) and its ESS are the hand-computed ones
        assertThat(estimate.estimator()).isEqualTo(estimator);
        assertThat(estimate.estimate()).isCloseTo(expected, within(1e-15));
        assertThat(estimate.lower()).isCloseTo(expected - 2 * standardError, within(1e-15));
        assertThat(estimate.upper()).isCloseTo(expected + 2 * standardError, within(1e-15));
        assertThat(estimate.ess()).isCloseTo(ess, within(1e-12));
        assertThat(estimate.rounds()).isEqualTo(4);
        assertThat(estimate.decisive()).isTrue();
    }

    @Test
    void aRankingIsOneRoundSoTheDependenceOfItsSlotsWidensTheInterval() {
        // given the same four observations of weight 1, as two rankings of two slots and as four rounds
        WeightedRewards rankings = new WeightedRewards(PARAMETERS);
        rankings.add(new double[] {1.0, 1.0}, new double[] {1.0, 1.0}, 2);
        rankings.add(new double[] {1.0, 1.0}, new double[] {0.0, 0.0}, 2);
        WeightedRewards single = new WeightedRewards(PARAMETERS);
        for (double reward : new double[] {1.0, 1.0, 0.0, 0.0}) {
            single.add(1.0, reward);
        }

        // when IPS is estimated from both
        OffPolicyEstimate ranked = rankings.estimate(Estimator.IPS);
        OffPolicyEstimate separate = single.estimate(Estimator.IPS);

        // then both estimate 2 clicks in 4 observations; the rankings' round sums 2 and 0 give
        // se² = 2/1 · ((2 − 0.5·2)² + (0 − 0.5·2)²) / 4² = 1/4, the four rounds se² = (4 · 0.25) / 3 / 4 = 1/12
        assertThat(ranked.estimate()).isEqualTo(0.5);
        assertThat(separate.estimate()).isEqualTo(0.5);
        assertThat(ranked.upper()).isCloseTo(0.5 + 2 * Math.sqrt(0.25), within(1e-15));
        assertThat(separate.upper()).isCloseTo(0.5 + 2 * Math.sqrt(1.0 / 12), within(1e-15));
        assertThat(ranked.rounds()).isEqualTo(2);
        assertThat(ranked.ess()).as("(2 + 2)² / (2² + 2²), in rounds").isEqualTo(2.0);
        assertThat(separate.ess()).isEqualTo(4.0);
    }

    @Test
    void anEstimateCarriedByOneHeavyRoundDecidesNothingAndSaysWhy() {
        // given 1,000 rounds of weight 0.1 and one of weight 100, under the default minimum ESS of 100
        WeightedRewards rewards = new WeightedRewards(OffPolicyParameters.defaults());
        for (int i = 0; i < 1_000; i++) {
            rewards.add(0.1, i % 10 == 0 ? 1.0 : 0.0);
        }
        rewards.add(100.0, 1.0);

        // when SNIPS is estimated
        OffPolicyEstimate estimate = rewards.estimate(Estimator.SNIPS);

        // then ESS = (100 + 100)² / (1,000 · 0.01 + 10,000) ≈ 4.0 rounds out of 1,001: not decisive, and it says why
        assertThat(estimate.ess()).isCloseTo(40_000.0 / 10_010, within(1e-9));
        assertThat(estimate.decisive()).isFalse();
        assertThat(estimate.reason())
                .isEqualTo("The effective sample size 4.0 is below the minimum of 100.0 rounds: a few heavily"
                        + " weighted rounds carry the estimate, so it decides nothing.");
    }

    @Test
    void anEstimateWhoseEffectiveSampleSizeReachesTheMinimumIsDecisive() {
        // given 100 rounds of weight 1, exactly the default minimum ESS
        WeightedRewards rewards = new WeightedRewards(OffPolicyParameters.defaults());
        for (int i = 0; i < 100; i++) {
            rewards.add(1.0, i % 2);
        }

        // when IPS is estimated, then it is decisive
        OffPolicyEstimate estimate = rewards.estimate(Estimator.IPS);
        assertThat(estimate.decisive()).isTrue();
        assertThat(estimate.reason()).isEqualTo("The effective sample size 100.0 reaches the minimum of 100.0 rounds.");
    }

    @ParameterizedTest
    @EnumSource(Estimator.class)
    void withoutRoundsNothingIsEstimatedOrDecided(Estimator estimator) {
        OffPolicyEstimate estimate = new WeightedRewards(PARAMETERS).estimate(estimator);

        assertThat(estimate.estimate()).isNaN();
        assertThat(estimate.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(estimate.upper()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(estimate.decisive()).isFalse();
        assertThat(estimate.reason()).isEqualTo("No round was logged, so the estimate decides nothing.");
    }

    @Test
    void aTargetThatNoLoggedRoundSupportsHasNoSelfNormalizedEstimate() {
        // given rounds whose every weight is 0 (the target never shows what was logged)
        WeightedRewards rewards = new WeightedRewards(PARAMETERS);
        rewards.add(0.0, 1.0);
        rewards.add(0.0, 0.0);

        // when SNIPS and IPS are estimated
        OffPolicyEstimate snips = rewards.estimate(Estimator.SNIPS);
        OffPolicyEstimate ips = rewards.estimate(Estimator.IPS);

        // then SNIPS has nothing to normalize by; IPS estimates 0 from an effective sample of no round
        assertThat(snips.estimate()).isNaN();
        assertThat(snips.decisive()).isFalse();
        assertThat(snips.reason())
                .isEqualTo("No logged round carries any weight for the target policy, so the estimate decides"
                        + " nothing.");
        assertThat(ips.estimate()).isZero();
        assertThat(ips.ess()).isZero();
        assertThat(ips.decisive()).isFalse();
    }

    @Test
    void oneRoundGivesAnUnboundedInterval() {
        WeightedRewards rewards = new WeightedRewards(PARAMETERS);
        rewards.add(1.0, 1.0);

        OffPolicyEstimate estimate = rewards.estimate(Estimator.IPS);

        assertThat(estimate.estimate()).isEqualTo(1.0);
        assertThat(estimate.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(estimate.upper()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void clippingAtInfinityIsIps() {
        WeightedRewards rewards = new WeightedRewards(new OffPolicyParameters(Double.POSITIVE_INFINITY, 2.0, 2.0));
        for (int i = 0; i < WEIGHTS.length; i++) {
            rewards.add(WEIGHTS[i], REWARDS[i]);
        }

        assertThat(rewards.estimate(Estimator.CLIPPED_IPS))
                .usingRecursiveComparison()
                .ignoringFields("estimator")
                .isEqualTo(rewards.estimate(Estimator.IPS));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-1       | 0   | An importance weight must be finite and non-negative, got -1.0.",
                "NaN      | 0   | An importance weight must be finite and non-negative, got NaN.",
                "Infinity | 0   | An importance weight must be finite and non-negative, got Infinity.",
                "1        | NaN | A reward must be finite, got NaN."
            })
    void anInvalidObservationIsRefusedAndLeavesTheSumsAsTheyWere(double weight, double reward, String message) {
        // given an accumulator with one valid round
        WeightedRewards rewards = new WeightedRewards(PARAMETERS);
        rewards.add(1.0, 1.0);

        // when an invalid observation is added alone, or inside a ranking, then it is refused with a sentence
        assertThatIllegalArgumentException()
                .isThrownBy(() -> rewards.add(weight, reward))
                .withMessage(message);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> rewards.add(new double[] {1.0, weight}, new double[] {1.0, reward}, 2))
                .withMessage(message);

        // and the valid round is all there is
        assertThat(rewards.rounds()).isEqualTo(1);
        assertThat(rewards.estimate(Estimator.IPS).estimate()).isEqualTo(1.0);
    }
}
