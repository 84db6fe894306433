package io.autoloop.learner.search;

/**
 * How an {@link OnlineSearch} runs: how many challengers, how it compares them with the champion, when it retires or
 * graduates one, how far a proposal moves, how much work the challengers may take, and its seed.
 *
 * @param challengers K, the number of live challengers beside the champion; 0 trains the champion alone
 * @param window the number of recent examples a paired comparison covers
 * @param minExamples the paired examples a challenger needs before it can be retired as worse or graduate
 * @param lease the examples a challenger may observe without graduating before it is retired
 * @param standardErrors z: the confidence bounds are the mean paired difference ± z standard errors
 * @param margin a challenger graduates when its upper bound is below minus this share of the champion's mean loss
 *     in the window (0.001 asks for an improvement of at least 0.1 %)
 * @param step how far a proposal moves the searched hyper-parameters: the length of the move in positions, where
 *     each parameter's whole log-scale range is 1
 * @param shadowBudget how many challengers, on average, learn each example: with K above it, each challenger takes
 *     part in an example with probability budget / K (and learns it with weight K / budget)
 * @param seed the seed of the proposals and of the sampling; the same seed and examples give the same search
 */
public record SearchSettings(
        int challengers,
        int window,
        int minExamples,
        long lease,
        double standardErrors,
        double margin,
        double step,
        double shadowBudget,
        long seed) {

    public static final int DEFAULT_CHALLENGERS = 4;
    public static final int DEFAULT_WINDOW = 10_000;
    public static final int DEFAULT_MIN_EXAMPLES = 200;
    public static final long DEFAULT_LEASE = 10_000;
    public static final double DEFAULT_STANDARD_ERRORS = 3.0;
    public static final double DEFAULT_MARGIN = 0.001;
    public static final double DEFAULT_STEP = 0.25;
    public static final double DEFAULT_SHADOW_BUDGET = 4.0;
    public static final long DEFAULT_SEED = 1;

    public SearchSettings {
        if (challengers < 0) {
            throw new IllegalArgumentException("The number of challengers must be 0 or more, got " + challengers + ".");
        }
        if (window < 2) {
            throw new IllegalArgumentException(
                    "The comparison window must hold at least two examples, got " + window + ".");
        }
        if (minExamples < 2 || minExamples > window) {
            throw new IllegalArgumentException("A decision needs between 2 and the window's " + window
                    + " paired examples, got " + minExamples + ".");
        }
        if (lease < minExamples) {
            throw new IllegalArgumentException("A challenger's lease of " + lease + " examples is shorter than the "
                    + minExamples + " a decision needs.");
        }
        if (!(standardErrors > 0) || !Double.isFinite(standardErrors)) {
            throw new IllegalArgumentException(
                    "The confidence bounds need a positive number of standard errors, got " + standardErrors + ".");
        }
        if (!(margin >= 0) || !(margin < 1)) {
            throw new IllegalArgumentException("The graduation margin is a share of the champion's loss, from 0 up"
                    + " to but not including 1, got " + margin + ".");
        }
        if (!(step > 0) || !(step <= 1)) {
            throw new IllegalArgumentException(
                    "A proposal's step must lie in (0, 1], a share of each range, got " + step + ".");
        }
        if (!(shadowBudget > 0) || !Double.isFinite(shadowBudget)) {
            throw new IllegalArgumentException(
                    "The shadow budget must be a positive number of challengers, got " + shadowBudget + ".");
        }
    }

    /**
     * {@value #DEFAULT_CHALLENGERS} challengers, a window of {@value #DEFAULT_WINDOW} examples, decisions from
     * {@value #DEFAULT_MIN_EXAMPLES} paired examples, a lease of {@value #DEFAULT_LEASE} examples, bounds at
     * {@value #DEFAULT_STANDARD_ERRORS} standard errors, a margin of {@value #DEFAULT_MARGIN} of the champion's loss, a
     * step of {@value #DEFAULT_STEP}, a shadow budget of {@value #DEFAULT_SHADOW_BUDGET} challengers, seed
     * {@value #DEFAULT_SEED}; the learner README says why.
     */
    public static SearchSettings defaults() {
        return new SearchSettings(
                DEFAULT_CHALLENGERS,
                DEFAULT_WINDOW,
                DEFAULT_MIN_EXAMPLES,
                DEFAULT_LEASE,
                DEFAULT_STANDARD_ERRORS,
                DEFAULT_MARGIN,
                DEFAULT_STEP,
                DEFAULT_SHADOW_BUDGET,
                DEFAULT_SEED);
    }

    /** The share of examples each challenger takes part in: min(1, budget / K). */
    public double share() {
        return challengers <= shadowBudget ? 1.0 : shadowBudget / challengers;
    }
}
