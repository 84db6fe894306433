package io.autoloop.learner.offpolicy;

import java.util.Locale;
import java.util.Objects;

/**
 * Accumulates logged rounds of importance weights and rewards in one pass and produces the IPS, self-normalized IPS
 * and clipped IPS estimates of a target policy's value ({@link Estimator}), each with a confidence interval and the
 * effective sample size of its weights ({@link OffPolicyEstimate}).
 *
 * <p>A round is one observation ({@link #add(double, double)}: an item at one slot) or several that are not
 * independent of each other ({@link #add(double[], double[], int)}: the slots of one ranking, which share a user and,
 * with cascade weights, a weight prefix). Rounds are the independent units. Round i contributes, over its
 * observations k, {@code y_i = Σ_k w_ik·r_ik} (or {@code Σ_k min(w_ik, λ)·r_ik} for clipped IPS) and a denominator
 * {@code d_i}: its number of observations for IPS and clipped IPS, its summed weight {@code W_i = Σ_k w_ik} for SNIPS.
 * Every estimate is then a ratio {@code V = Σ y_i / Σ d_i}, which over single-observation rounds is the estimator's
 * formula.
 *
 * <p>The interval is the normal one, {@code V ± z·se}, with the delta-method (linearised) variance of a ratio
 * estimator, {@code se² = n/(n − 1) · Σ (y_i − V·d_i)² / (Σ d_i)²} over the n rounds: for IPS over single-observation
 * rounds this is the sample variance of {@code w·r} over n. It needs five running sums per estimator, so a round
 * costs a few additions and nothing is stored; the Open Bandit Pipeline's bootstrap interval resamples every logged
 * round thousands of times, which a single pass over millions of rounds cannot afford. A normal interval is sound when
 * many rounds carry the weight, and the effective sample size {@code (Σ W_i)² / Σ W_i²} (of the clipped weights for
 * clipped IPS) says whether they do: below {@link OffPolicyParameters#minimumEss()} a few heavy weights carry the
 * estimate, and it is not decisive. With fewer than two rounds the interval is unbounded.
 *
 * <p>Allocation: none in {@code add}. Not thread-safe: one accumulator per thread, or per slot of a
 * {@link RankingEvaluation}.
 */
public final class WeightedRewards {

    private final OffPolicyParameters parameters;
    private final RatioSums ips = new RatioSums();
    private final RatioSums snips = new RatioSums();
    private final RatioSums clippedIps = new RatioSums();
    private double clippedWeights;
    private double clippedWeightSquares;
    private long rounds;

    public WeightedRewards(OffPolicyParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "An off-policy evaluation needs its parameters.");
    }

    /**
     * Adds a round of one observation.
     *
     * @param weight the importance weight {@code π_e / π_b}, finite and non-negative
     * @param reward the reward observed, finite
     */
    public void add(double weight, double reward) {
        requireValid(weight, reward);
        double clipped = Math.min(weight, parameters.clip());
        addRound(1.0, weight * reward, weight, clipped * reward, clipped);
    }

    /**
     * Adds a round of {@code count} observations that are not independent, such as the slots of one ranking.
     *
     * @param weights the observations' importance weights, {@code weights[0, count)}, finite and non-negative
     * @param rewards their rewards, {@code rewards[0, count)}, finite
     */
    public void add(double[] weights, double[] rewards, int count) {
        if (count < 1 || count > weights.length || count > rewards.length) {
            throw new IllegalArgumentException("A round needs between 1 and " + Math.min(weights.length, rewards.length)
                    + " observations (the lengths of its weights and rewards), got " + count + ".");
        }
        double weighted = 0;
        double weightSum = 0;
        double clippedWeighted = 0;
        double clippedSum = 0;
        for (int k = 0; k < count; k++) {
            requireValid(weights[k], rewards[k]);
            double clipped = Math.min(weights[k], parameters.clip());
            weighted += weights[k] * rewards[k];
            weightSum += weights[k];
            clippedWeighted += clipped * rewards[k];
            clippedSum += clipped;
        }
        addRound(count, weighted, weightSum, clippedWeighted, clippedSum);
    }

    /** The rounds added so far. */
    public long rounds() {
        return rounds;
    }

    /** The estimate of {@code estimator} from the rounds added so far. */
    public OffPolicyEstimate estimate(Estimator estimator) {
        return switch (estimator) {
            case IPS -> conclude(estimator, ips, snips.denominators, snips.denominatorSquares);
            case SNIPS -> conclude(estimator, snips, snips.denominators, snips.denominatorSquares);
            case CLIPPED_IPS -> conclude(estimator, clippedIps, clippedWeights, clippedWeightSquares);
        };
    }

    private void addRound(
            double observations, double weighted, double weightSum, double clippedWeighted, double clippedSum) {
        rounds++;
        ips.add(weighted, observations);
        snips.add(weighted, weightSum);
        clippedIps.add(clippedWeighted, observations);
        clippedWeights += clippedSum;
        clippedWeightSquares += clippedSum * clippedSum;
    }

    private OffPolicyEstimate conclude(Estimator estimator, RatioSums sums, double weights, double weightSquares) {
        double ess = weightSquares > 0 ? weights * weights / weightSquares : 0.0;
        if (rounds == 0) {
            return new OffPolicyEstimate(
                    estimator,
                    Double.NaN,
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    0.0,
                    0,
                    false,
                    "No round was logged, so the estimate decides nothing.");
        }
        if (sums.denominators == 0) {
            return new OffPolicyEstimate(
                    estimator,
                    Double.NaN,
                    Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    0.0,
                    rounds,
                    false,
                    "No logged round carries any weight for the target policy, so the estimate decides nothing.");
        }
        double value = sums.numerators / sums.denominators;
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        if (rounds > 1) {
            double halfWidth = parameters.z() * Math.sqrt(sums.variance(value, rounds));
            lower = value - halfWidth;
            upper = value + halfWidth;
        }
        boolean decisive = ess >= parameters.minimumEss();
        String reason = decisive
                ? String.format(
                        Locale.ROOT,
                        "The effective sample size %.1f reaches the minimum of %.1f rounds.",
                        ess,
                        parameters.minimumEss())
                : String.format(
                        Locale.ROOT,
                        "The effective sample size %.1f is below the minimum of %.1f rounds: a few heavily weighted"
                                + " rounds carry the estimate, so it decides nothing.",
                        ess,
                        parameters.minimumEss());
        return new OffPolicyEstimate(estimator, value, lower, upper, ess, rounds, decisive, reason);
    }

    private static void requireValid(double weight, double reward) {
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException(
                    "An importance weight must be finite and non-negative, got " + weight + ".");
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("A reward must be finite, got " + reward + ".");
        }
    }

    /** Running sums of a ratio estimator {@code Σ y / Σ d} over rounds, and of the squares its variance needs. */
    private static final class RatioSums {

        private double numerators;
        private double numeratorSquares;
        private double products;
        private double denominators;
        private double denominatorSquares;

        void add(double numerator, double denominator) {
            numerators += numerator;
            numeratorSquares += numerator * numerator;
            products += numerator * denominator;
            denominators += denominator;
            denominatorSquares += denominator * denominator;
        }

        /**
         * {@code n/(n − 1) · Σ (y − V·d)² / (Σ d)²}, expanded over the running sums; rounding can only make the
         * expansion slightly negative when the residuals are all about 0, and then the variance is 0.
         */
        double variance(double value, long rounds) {
            double residualSquares = numeratorSquares - 2 * value * products + value * value * denominatorSquares;
            double n = rounds;
            return Math.max(0.0, residualSquares) * n / (n - 1) / (denominators * denominators);
        }
    }
}
