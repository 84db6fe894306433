package io.autoloop.router.domain.statistics;

/**
 * The three always-valid tests a rollout decides with, read from the {@link Evidence} of the stratified log CTR
 * ratio θ̂ and its variance V:
 *
 * <ul>
 *   <li><b>gain</b>: the one-sided mixture ratio Λ⁺ with the mixture scale τ; significant when {@code Λ⁺ ≥ 1/α};
 *   <li><b>harm</b>: the average of the one-sided ratios Λ⁻ with scales τ and τ_d (a wide "disaster" scale, e.g.
 *       0.5); an average of martingales is a martingale, so it keeps its level {@code α_h}, and the wide component
 *       reaches 1/α_h after a few hundred impressions when the challenger is far worse, where τ alone would wait for
 *       thousands;
 *   <li><b>futility</b>: the upper end of the two-sided confidence sequence at level {@code α_f}; once it lies below
 *       the gain threshold, a gain of that size is no longer plausible.
 * </ul>
 *
 * @see OneSidedMixture
 */
public final class LiftTests {

    private final double alpha;
    private final double harmAlpha;
    private final double futilityAlpha;
    private final double tauSquared;
    private final double disasterTauSquared;

    /**
     * @param alpha the level of the gain test
     * @param harmAlpha the level of the harm test
     * @param futilityAlpha the level of the futility bound
     * @param mixtureSd τ, the effect size the gain and harm tests are most sensitive to
     * @param disasterMixtureSd τ_d, the wide scale of the harm test's second component
     */
    public LiftTests(double alpha, double harmAlpha, double futilityAlpha, double mixtureSd, double disasterMixtureSd) {
        requireLevel(alpha, "gain");
        requireLevel(harmAlpha, "harm");
        requireLevel(futilityAlpha, "futility");
        requireScale(mixtureSd, "mixture standard deviation");
        requireScale(disasterMixtureSd, "disaster mixture standard deviation");
        this.alpha = alpha;
        this.harmAlpha = harmAlpha;
        this.futilityAlpha = futilityAlpha;
        this.tauSquared = mixtureSd * mixtureSd;
        this.disasterTauSquared = disasterMixtureSd * disasterMixtureSd;
    }

    /** What the three tests say of {@code evidence}. */
    public LiftReading read(Evidence evidence) {
        double theta = Math.log1p(evidence.lift());
        double v = evidence.variance();
        double logGain = OneSidedMixture.logGreater(theta, v, tauSquared);
        double logHarm = logMean(
                OneSidedMixture.logLess(theta, v, tauSquared), OneSidedMixture.logLess(theta, v, disasterTauSquared));
        double upper = Math.expm1(theta + OneSidedMixture.radius(v, tauSquared, futilityAlpha));
        return new LiftReading(
                pValue(logGain), pValue(logHarm), upper, pValue(logGain) <= alpha, pValue(logHarm) <= harmAlpha);
    }

    /**
     * How many times the current information (1/V) the experiment needs before the gain test or the futility bound
     * decides, if the lift estimate stays where it is: 1 when one of them already decides, and {@code limit} when
     * neither would decide within it.
     */
    public double informationFactorToDecide(Evidence evidence, double gainThreshold, double limit) {
        double theta = Math.log1p(evidence.lift());
        double v = evidence.variance();
        double low = 1.0;
        if (decides(theta, v, gainThreshold)) {
            return low;
        }
        double high = limit;
        if (!decides(theta, v / high, gainThreshold)) {
            return limit;
        }
        for (int i = 0; i < 60 && high / low > 1.001; i++) {
            double mid = Math.sqrt(low * high);
            if (decides(theta, v / mid, gainThreshold)) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    private boolean decides(double theta, double variance, double gainThreshold) {
        boolean gain = Math.expm1(theta) >= gainThreshold
                && pValue(OneSidedMixture.logGreater(theta, variance, tauSquared)) <= alpha;
        boolean futile =
                Math.expm1(theta + OneSidedMixture.radius(variance, tauSquared, futilityAlpha)) < gainThreshold;
        return gain || futile;
    }

    private static double logMean(double a, double b) {
        double max = Math.max(a, b);
        return max + Math.log(0.5 * (Math.exp(a - max) + Math.exp(b - max)));
    }

    private static double pValue(double logLambda) {
        return Math.min(1.0, Math.exp(-logLambda));
    }

    private static void requireLevel(double level, String test) {
        if (!(level > 0.0 && level < 1.0)) {
            throw new IllegalArgumentException("The " + test + " test's level must be in (0, 1), got " + level + ".");
        }
    }

    private static void requireScale(double scale, String name) {
        if (!(scale > 0.0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("The " + name + " must be a positive number, got " + scale + ".");
        }
    }
}
