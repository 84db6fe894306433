package io.autoloop.simulator.world;

import java.util.Arrays;

/**
 * The expected clicks of one ranking under the true click model, and of the oracle ranking of the same candidates:
 * consumes the appeal ({@link TrueClickModel#appeal}) of the items shown, slot by slot, and of every candidate;
 * produces {@code Σ_k f(k) · appeal_k} over the slots shown, with f the {@link PositionBias}, for the ranking served
 * and for the candidates sorted by appeal, highest first. Since f decreases with the slot, no ranking of the
 * candidates expects more clicks than the oracle's (the rearrangement inequality), so {@code served ≤ oracle}.
 *
 * @param served expected clicks of the ranking shown
 * @param oracle expected clicks of the candidates ranked by their true appeal, in as many slots (at most one per
 *     candidate)
 */
public record RankingValue(double served, double oracle) {

    /**
     * The value of showing items of {@code shownAppeal} in that order, against the oracle ranking of the candidates
     * of {@code candidateAppeal}.
     */
    public static RankingValue of(double[] shownAppeal, double[] candidateAppeal) {
        double[] ascending = candidateAppeal.clone();
        Arrays.sort(ascending);
        double served = 0;
        double oracle = 0;
        for (int slot = 0; slot < shownAppeal.length; slot++) {
            double examined = PositionBias.factor(slot);
            served += examined * shownAppeal[slot];
            if (slot < ascending.length) {
                oracle += examined * ascending[ascending.length - 1 - slot];
            }
        }
        return new RankingValue(served, oracle);
    }
}
