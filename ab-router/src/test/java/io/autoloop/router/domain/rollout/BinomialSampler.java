package io.autoloop.router.domain.rollout;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Exact Binomial(n, p) draws for the rollout simulations: inversion that starts at the mode and walks outwards
 * (alternately up and down), so a draw costs O(√(np(1−p))) steps instead of O(np). The probability at the mode comes
 * from commons-math3; the neighbours follow by the ratio {@code P(k+1)/P(k) = (n−k)/(k+1) · p/(1−p)}.
 */
final class BinomialSampler {

    private final RandomGenerator random;

    BinomialSampler(RandomGenerator random) {
        this.random = random;
    }

    int next(int n, double p) {
        if (n == 0 || p <= 0.0) {
            return 0;
        }
        if (p >= 1.0) {
            return n;
        }
        double q = 1.0 - p;
        double odds = p / q;
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double atMode = Math.exp(new BinomialDistribution(null, n, p).logProbability(mode));
        double u = random.nextDouble() - atMode;
        if (u <= 0.0) {
            return mode;
        }
        int up = mode;
        int down = mode;
        double upProbability = atMode;
        double downProbability = atMode;
        while (up < n || down > 0) {
            if (up < n) {
                upProbability *= (double) (n - up) / (up + 1) * odds;
                up++;
                u -= upProbability;
                if (u <= 0.0) {
                    return up;
                }
            }
            if (down > 0) {
                downProbability *= (double) down / (n - down + 1) / odds;
                down--;
                u -= downProbability;
                if (u <= 0.0) {
                    return down;
                }
            }
        }
        return mode;
    }
}
