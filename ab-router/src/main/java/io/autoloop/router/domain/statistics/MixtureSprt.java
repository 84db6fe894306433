package io.autoloop.router.domain.statistics;

import java.util.List;
import java.util.Optional;

/**
 * The two-proportion mixture sequential probability ratio test (mSPRT) on the log CTR ratio of challenger to
 * champion, with a normal mixture over the effect: consumes the counts of every {@link Segment} and produces
 * {@link Evidence} that stays valid however often it is looked at.
 *
 * <p>Method: R. Johari, L. Pekelis, D. Walsh, "Always valid inference: Bringing sequential analysis to A/B testing"
 * (arXiv 1512.04922, 2015), and Johari et al., "Peeking at A/B tests", KDD 2017. With an estimate θ̂ of θ = log(CTR
 * ratio) that is approximately N(θ, V), the mixture of likelihood ratios over θ ~ N(0, τ²) is
 *
 * <pre>
 *   Λ = √(V / (V + τ²)) · exp( τ² θ̂² / (2 V (V + τ²)) )
 * </pre>
 *
 * a martingale under H0: θ = 0, so by Ville's inequality {@code P(Λ ever ≥ 1/α) ≤ α}: rejecting the first time
 * {@code Λ ≥ 1/α} keeps the type-I error at α under continuous monitoring. Inverting the test gives the confidence
 * sequence {@code θ̂ ± √(2V(V+τ²)/τ² · (log(1/α) + ½ log((V+τ²)/V)))}, reported as an interval on the relative lift.
 *
 * <p>Traffic moves in steps, so arm shares differ between segments; pooling counts across them would confound the
 * lift with any change of CTR over time (Simpson's paradox). θ̂ is therefore the Mantel–Haenszel log rate ratio
 * stratified by segment, and V its Greenland–Robins variance (Greenland & Robins, Biometrics 41, 1985), which reduce
 * to the plain log ratio and {@code 1/a − 1/n₁ + 1/c − 1/n₀} for one segment.
 */
public final class MixtureSprt {

    private final double alpha;
    private final double tauSquared;

    /**
     * @param alpha the significance level, in (0, 1)
     * @param mixtureSd τ, the standard deviation of the normal mixture over the log CTR ratio: the size of effect the
     *     test is most sensitive to (0.1 ≈ a 10 % relative lift)
     */
    public MixtureSprt(double alpha, double mixtureSd) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("The significance level must be in (0, 1), got " + alpha + ".");
        }
        if (!(mixtureSd > 0.0) || !Double.isFinite(mixtureSd)) {
            throw new IllegalArgumentException(
                    "The mixture standard deviation must be a positive number, got " + mixtureSd + ".");
        }
        this.alpha = alpha;
        this.tauSquared = mixtureSd * mixtureSd;
    }

    /** The significance level. */
    public double alpha() {
        return alpha;
    }

    /**
     * The evidence of {@code segments}, or empty while either arm has no click yet (the ratio is then undefined).
     */
    public Optional<Evidence> evaluate(List<Segment> segments) {
        double r = 0.0;
        double s = 0.0;
        double p = 0.0;
        long championImpressions = 0;
        long championClicks = 0;
        long challengerImpressions = 0;
        long challengerClicks = 0;
        for (Segment segment : segments) {
            double n0 = segment.champion().impressions();
            double c = segment.champion().clicks();
            double n1 = segment.challenger().impressions();
            double a = segment.challenger().clicks();
            championImpressions += segment.champion().impressions();
            championClicks += segment.champion().clicks();
            challengerImpressions += segment.challenger().impressions();
            challengerClicks += segment.challenger().clicks();
            if (n0 == 0 || n1 == 0) {
                continue;
            }
            double n = n0 + n1;
            r += a * n0 / n;
            s += c * n1 / n;
            p += (n1 * n0 * (a + c) - a * c * n) / (n * n);
        }
        if (r <= 0.0 || s <= 0.0) {
            return Optional.empty();
        }
        double theta = Math.log(r / s);
        double variance = p / (r * s);
        if (!(variance > 0.0) || !Double.isFinite(variance)) {
            return Optional.empty();
        }
        double sum = variance + tauSquared;
        double logLambda = 0.5 * Math.log(variance / sum) + tauSquared * theta * theta / (2.0 * variance * sum);
        double pValue = Math.min(1.0, Math.exp(-logLambda));
        double radius =
                Math.sqrt(2.0 * variance * sum / tauSquared * (Math.log(1.0 / alpha) + 0.5 * Math.log(sum / variance)));
        return Optional.of(new Evidence(
                ratio(championClicks, championImpressions),
                ratio(challengerClicks, challengerImpressions),
                Math.expm1(theta),
                Math.expm1(theta - radius),
                Math.expm1(theta + radius),
                variance,
                pValue));
    }

    private static double ratio(long clicks, long impressions) {
        return impressions == 0 ? 0.0 : (double) clicks / impressions;
    }
}
