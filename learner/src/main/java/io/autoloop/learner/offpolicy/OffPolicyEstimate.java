package io.autoloop.learner.offpolicy;

import java.util.Objects;

/**
 * One estimate of a target policy's value from logged rounds ({@link WeightedRewards#estimate}): the point estimate,
 * its confidence interval, the effective sample size of the weights behind it, and whether it may decide anything.
 *
 * @param estimate the estimated value (mean reward per observation); NaN when no round carried weight
 * @param lower the interval's lower bound; {@code -∞} with fewer than two rounds
 * @param upper the interval's upper bound; {@code +∞} with fewer than two rounds
 * @param ess the effective sample size {@code (Σ w)² / Σ w²}, in rounds; 0 when no round carried weight
 * @param rounds the rounds logged
 * @param decisive whether the effective sample size reaches the minimum: only then may the estimate decide anything
 * @param reason a sentence saying why the estimate is decisive or not
 */
public record OffPolicyEstimate(
        Estimator estimator,
        double estimate,
        double lower,
        double upper,
        double ess,
        long rounds,
        boolean decisive,
        String reason) {

    public OffPolicyEstimate {
        Objects.requireNonNull(estimator, "An off-policy estimate needs its estimator.");
        Objects.requireNonNull(reason, "An off-policy estimate needs the reason it is decisive or not.");
    }

    /** Whether {@code value} lies inside the confidence interval, bounds included. */
    public boolean covers(double value) {
        return lower <= value && value <= upper;
    }
}
