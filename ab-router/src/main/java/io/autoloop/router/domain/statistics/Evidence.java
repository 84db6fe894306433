package io.autoloop.router.domain.statistics;

/**
 * What the sequential test says about the challenger's CTR relative to the champion's after one analysis.
 *
 * @param championCtr the champion's pooled CTR
 * @param challengerCtr the challenger's pooled CTR
 * @param lift the relative CTR gain {@code challenger / champion − 1}, the Mantel–Haenszel estimate across segments
 * @param liftLower the lower end of the always-valid {@code 1 − α} confidence interval of the lift
 * @param liftUpper the upper end of that interval
 * @param variance the estimated variance of the log rate ratio
 * @param pValue {@code 1 / Λ} at this analysis, capped at 1; {@code H0: no difference} is rejected when it is at most
 *     α, and the sign of the lift tells gain from harm
 */
public record Evidence(
        double championCtr,
        double challengerCtr,
        double lift,
        double liftLower,
        double liftUpper,
        double variance,
        double pValue) {

    /** Whether the test rejects "no difference" at level {@code alpha}. */
    public boolean significantAt(double alpha) {
        return pValue <= alpha;
    }
}
