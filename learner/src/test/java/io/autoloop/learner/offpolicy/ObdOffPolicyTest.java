package io.autoloop.learner.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.learner.ObdData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Evaluates the uniform-random policy on the Bernoulli Thompson sampling logs of the repository's Open Bandit sample
 * ({@code data/obd/bts}), as the Open Bandit Pipeline does: every row is one round, the target's propensity is
 * 1 / (items of the campaign) at every slot, the logging policy's is the row's {@code propensity_score}, the reward is
 * {@code click}. The pinned numbers are IPS {@code mean(w·r)}, SNIPS {@code Σw·r / Σw} and the ESS
 * {@code (Σw)² / Σw²} computed over the same rows in double precision outside this code.
 */
class ObdOffPolicyTest {

    private static final int SLOTS = 3;

    @ParameterizedTest(name = "{0}: IPS {2}, SNIPS {3}, ESS {4}")
    @CsvSource({"men, 34, 0.0030086263, 0.0031894232, 655.7", "women, 46, 0.0074375775, 0.0023730461, 2.1"})
    void theUniformRandomPolicyEvaluatedOnTheThompsonSamplingLogs(
            String campaign, int items, double ips, double snips, double ess) throws IOException {
        // given the campaign's Thompson sampling logs
        // when the uniform-random policy is evaluated on them
        RankingEvaluation evaluation = evaluateUniformRandom("bts", campaign, items);

        // then IPS, SNIPS and the ESS are the pinned ones, over all 10,000 rounds
        OffPolicyEstimate ipsEstimate = evaluation.overall(Estimator.IPS);
        OffPolicyEstimate snipsEstimate = evaluation.overall(Estimator.SNIPS);
        assertThat(ipsEstimate.estimate()).isCloseTo(ips, within(1e-9));
        assertThat(snipsEstimate.estimate()).isCloseTo(snips, within(1e-9));
        assertThat(snipsEstimate.ess()).isCloseTo(ess, within(0.05));
        assertThat(ipsEstimate.ess()).isEqualTo(snipsEstimate.ess());
        assertThat(snipsEstimate.rounds()).isEqualTo(10_000);
    }

    @Test
    void theWomenEstimateRestsOnTwoEffectiveRoundsAndDecidesNothing() throws IOException {
        // given the women campaign's Thompson sampling logs, where a few rows have tiny propensities
        // when the uniform-random policy is evaluated under the default minimum ESS of 100
        RankingEvaluation evaluation = evaluateUniformRandom("bts", "women", 46);

        // then neither IPS nor SNIPS decides anything, and they say why
        for (Estimator estimator : List.of(Estimator.IPS, Estimator.SNIPS)) {
            OffPolicyEstimate estimate = evaluation.overall(estimator);
            assertThat(estimate.decisive()).as(estimator.name()).isFalse();
            assertThat(estimate.reason())
                    .isEqualTo("The effective sample size 2.1 is below the minimum of 100.0 rounds: a few heavily"
                            + " weighted rounds carry the estimate, so it decides nothing.");
        }
        assertThat(evaluation.overall(Estimator.SNIPS).ess()).isCloseTo(2.1, within(0.05));
    }

    @Test
    void theMenSelfNormalizedIntervalHoldsTheRandomPolicysOwnClickRate() throws IOException {
        // given the men campaign's Thompson sampling logs, and the uniform-random policy's own logs of that campaign
        RankingEvaluation offPolicy = evaluateUniformRandom("bts", "men", 34);
        double[] clicks = clicks("random", "men");
        double onPolicy = Arrays.stream(clicks).average().orElseThrow();

        // when the uniform-random policy's value is estimated by SNIPS from the Thompson sampling logs
        OffPolicyEstimate snips = offPolicy.overall(Estimator.SNIPS);

        // then it is decisive and its 95 % interval holds the click rate the random policy logged (46 clicks in
        // 10,000 rounds), and it is wider than that click rate's own normal 95 % interval: 656 effective rounds
        // tell less than 10,000 on-policy ones
        assertThat(onPolicy).isEqualTo(0.0046);
        assertThat(snips.decisive()).isTrue();
        assertThat(snips.covers(onPolicy)).as("%s holds %s", snips, onPolicy).isTrue();
        double onPolicyHalfWidth =
                OffPolicyParameters.DEFAULT_Z * Math.sqrt(onPolicy * (1 - onPolicy) / (clicks.length - 1));
        assertThat(snips.upper() - snips.lower()).isGreaterThan(2 * onPolicyHalfWidth);
    }

    /** Every row of {@code policy}'s log of {@code campaign} as one round of the uniform-random target. */
    private static RankingEvaluation evaluateUniformRandom(String policy, String campaign, int items)
            throws IOException {
        RankingEvaluation evaluation = new RankingEvaluation(SLOTS, OffPolicyParameters.defaults());
        double target = 1.0 / items;
        try (BufferedReader reader = Files.newBufferedReader(ObdData.impressions(policy, campaign))) {
            Columns columns = Columns.of(reader.readLine());
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] row = line.split(",", -1);
                evaluation.add(
                        Integer.parseInt(row[columns.position()]),
                        target / Double.parseDouble(row[columns.propensity()]),
                        Double.parseDouble(row[columns.click()]));
            }
        }
        return evaluation;
    }

    private static double[] clicks(String policy, String campaign) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(ObdData.impressions(policy, campaign))) {
            Columns columns = Columns.of(reader.readLine());
            return reader.lines()
                    .mapToDouble(line -> Double.parseDouble(line.split(",", -1)[columns.click()]))
                    .toArray();
        }
    }

    /** Where the columns this test reads sit in a log's header. */
    private record Columns(int position, int click, int propensity) {

        static Columns of(String header) {
            List<String> names = List.of(header.split(",", -1));
            return new Columns(names.indexOf("position"), names.indexOf("click"), names.indexOf("propensity_score"));
        }
    }
}
