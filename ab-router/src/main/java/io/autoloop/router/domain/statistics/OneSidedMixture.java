package io.autoloop.router.domain.statistics;

import org.apache.commons.math3.special.Erf;

/**
 * The mixture likelihood ratios of a normal estimate θ̂ ~ N(θ, V) against {@code θ = 0}, in logs: the two-sided one
 * with the mixture θ ~ N(0, τ²) and the one-sided ones with that mixture folded onto θ > 0 or θ < 0 (a half-normal
 * of scale τ).
 *
 * <p>Folding the mixture onto one side gives
 *
 * <pre>
 *   Λ⁺ = 2 Λ Φ( τ θ̂ / √(V (V + τ²)) ),   Λ⁻ = 2 Λ Φ( −τ θ̂ / √(V (V + τ²)) )
 * </pre>
 *
 * where Λ is the two-sided ratio, so {@code Λ⁺ + Λ⁻ = 2Λ}. Each is a mixture of likelihood ratios, hence a martingale
 * under {@code θ = 0}, and Ville's inequality bounds the chance it ever reaches 1/α by α. A one-sided test spends all
 * of α on the side that matters and crosses about log 2 sooner than the two-sided test on that side.
 */
public final class OneSidedMixture {

    private static final double LOG_2 = Math.log(2.0);
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2.0 * Math.PI);

    private OneSidedMixture() {}

    /** log Λ, the two-sided mixture ratio with variance {@code tauSquared}. */
    public static double logTwoSided(double theta, double variance, double tauSquared) {
        double sum = variance + tauSquared;
        return 0.5 * Math.log(variance / sum) + tauSquared * theta * theta / (2.0 * variance * sum);
    }

    /** log Λ⁺, the evidence for θ > 0. */
    public static double logGreater(double theta, double variance, double tauSquared) {
        return LOG_2 + logTwoSided(theta, variance, tauSquared) + logPhi(z(theta, variance, tauSquared));
    }

    /** log Λ⁻, the evidence for θ < 0. */
    public static double logLess(double theta, double variance, double tauSquared) {
        return LOG_2 + logTwoSided(theta, variance, tauSquared) + logPhi(-z(theta, variance, tauSquared));
    }

    /**
     * The half-width of the two-sided confidence sequence at level α around θ̂: the set of θ₀ the two-sided test of
     * {@code θ = θ₀} does not reject.
     */
    public static double radius(double variance, double tauSquared, double alpha) {
        double sum = variance + tauSquared;
        return Math.sqrt(2.0 * variance * sum / tauSquared * (Math.log(1.0 / alpha) + 0.5 * Math.log(sum / variance)));
    }

    private static double z(double theta, double variance, double tauSquared) {
        return Math.sqrt(tauSquared) * theta / Math.sqrt(variance * (variance + tauSquared));
    }

    /** log Φ(z), accurate far into the lower tail where Φ itself underflows. */
    static double logPhi(double z) {
        if (z > -30.0) {
            return Math.log(0.5 * Erf.erfc(-z / Math.sqrt(2.0)));
        }
        // Mills' ratio: Φ(z) ≈ φ(z)/|z| · (1 − 1/z²) for z → −∞.
        return -0.5 * z * z - HALF_LOG_2PI - Math.log(-z) + Math.log1p(-1.0 / (z * z));
    }
}
