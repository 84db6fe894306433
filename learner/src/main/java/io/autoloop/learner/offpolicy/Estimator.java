package io.autoloop.learner.offpolicy;

/**
 * The inverse-propensity estimators of a target policy's value that {@link WeightedRewards} produces from logged
 * observations of an importance weight {@code w = π_e(a | x, slot) / π_b(a | x, slot)} and a reward r, as the Open
 * Bandit Pipeline defines them (Saito et al., <i>Open Bandit Dataset and Pipeline: Towards Realistic and Reproducible
 * Off-Policy Evaluation</i>, 2021, {@code obp/ope/estimators.py}); n counts the observations.
 */
public enum Estimator {

    /** Inverse propensity scoring, {@code Σ w·r / n}: unbiased wherever π_b > 0 where π_e > 0, of high variance. */
    IPS,

    /**
     * Self-normalized IPS, {@code Σ w·r / Σ w}: biased by O(1/n) but never outside the rewards' range, and of lower
     * variance than IPS when the weights do not average 1 in the sample.
     */
    SNIPS,

    /**
     * Clipped IPS, {@code Σ min(w, λ)·r / n}: the weights capped at λ, which lowers the variance and biases the
     * estimate (downwards, for non-negative rewards) by what the capped weights would have added.
     */
    CLIPPED_IPS
}
