package io.autoloop.learner.offpolicy;

/**
 * The settings an off-policy evaluation ({@link WeightedRewards}, {@link RankingEvaluation}) consumes: the clip λ of
 * clipped IPS, the effective sample size below which an estimate decides nothing, and the normal quantile of its
 * confidence interval.
 *
 * <p>Defaults: λ = {@value #DEFAULT_CLIP}, minimum ESS = {@value #DEFAULT_MINIMUM_ESS}, z = {@value #DEFAULT_Z} (a
 * two-sided 95 % interval). No clip is right for every logging policy: λ = 10 lets no observation count for more than
 * ten, and clipped IPS trades the bias of every larger weight for the variance it removes. Below about a hundred
 * effective rounds a few heavy weights carry the estimate, and a normal interval around it is not to be trusted.
 *
 * @param clip λ: clipped IPS caps every importance weight at it; positive, {@code +∞} to clip nothing
 * @param minimumEss the effective sample size (in rounds) an estimate needs to decide anything; at least 2
 * @param z the two-sided standard normal quantile of the confidence interval; positive and finite
 */
public record OffPolicyParameters(double clip, double minimumEss, double z) {

    public static final double DEFAULT_CLIP = 10.0;
    public static final double DEFAULT_MINIMUM_ESS = 100.0;
    public static final double DEFAULT_Z = 1.959963984540054;

    public OffPolicyParameters {
        if (!(clip > 0)) {
            throw new IllegalArgumentException(
                    "The clip of clipped IPS must be positive (+Infinity clips nothing), got " + clip + ".");
        }
        if (!(minimumEss >= 2) || !Double.isFinite(minimumEss)) {
            throw new IllegalArgumentException("The minimum effective sample size must be a finite number of at least"
                    + " 2 rounds (below that one round could decide), got " + minimumEss + ".");
        }
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException(
                    "The normal quantile of the confidence interval must be positive and finite, got " + z + ".");
        }
    }

    /** λ = 10, minimum ESS = 100, z = 1.959964 (95 %). */
    public static OffPolicyParameters defaults() {
        return new OffPolicyParameters(DEFAULT_CLIP, DEFAULT_MINIMUM_ESS, DEFAULT_Z);
    }
}
