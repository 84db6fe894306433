package io.autoloop.router.domain.serving;

import java.util.random.RandomGenerator;

/**
 * Fills the slots of a ranking from candidate scores with ε-greedy exploration over slots, and records the propensity
 * of what it shows.
 *
 * <p>Slot by slot, from the top: with probability 1 − ε the best-scored remaining candidate is shown, with probability
 * ε a uniformly drawn remaining one (which may be the best one too). The propensity logged for the candidate shown in
 * slot k is its exact probability of being shown there given the candidates placed above it:
 * {@code (1 − ε) + ε / m} for the best remaining one, {@code ε / m} for any other, where m is the number of candidates
 * left. With ε = 0 the ranking is the greedy order and every propensity is 1. Ties keep the given order.
 *
 * <p>Allocation: none; the caller owns every array. Not thread-safe: one selector per thread.
 */
public final class SlateSelector {

    private int[] order = new int[0];
    private int[] scratch = new int[0];
    private boolean[] taken = new boolean[0];
    private boolean explored;

    /**
     * Chooses {@code limit} of the {@code count} candidates.
     *
     * @param scores the candidates' scores, {@code scores[0, count)}
     * @param epsilon the exploration probability, in [0, 1]
     * @param shown receives the chosen candidates' indices, slot by slot
     * @param propensities receives the propensity of each slot's candidate
     * @return the number of slots filled: {@code min(limit, count)}
     */
    public int select(
            double[] scores,
            int count,
            int limit,
            double epsilon,
            RandomGenerator random,
            int[] shown,
            double[] propensities) {
        if (!(epsilon >= 0.0 && epsilon <= 1.0)) {
            throw new IllegalArgumentException("Exploration epsilon must be in [0, 1], got " + epsilon + ".");
        }
        int slots = Math.min(limit, count);
        ensureCapacity(count);
        for (int i = 0; i < count; i++) {
            order[i] = i;
            taken[i] = false;
        }
        sort(scores, 0, count);
        explored = false;
        int best = 0;
        for (int slot = 0; slot < slots; slot++) {
            while (taken[order[best]]) {
                best++;
            }
            int remaining = count - slot;
            int chosen = order[best];
            double propensity = 1.0;
            if (epsilon > 0.0) {
                if (random.nextDouble() < epsilon) {
                    chosen = nthRemaining(random.nextInt(remaining), count);
                }
                propensity = chosen == order[best] ? (1.0 - epsilon) + epsilon / remaining : epsilon / remaining;
            }
            explored |= chosen != order[best];
            taken[chosen] = true;
            shown[slot] = chosen;
            propensities[slot] = propensity;
        }
        return slots;
    }

    /**
     * Whether the latest {@link #select} showed, in at least one slot, another candidate than the best remaining one:
     * the ranking departs from the greedy order because of exploration.
     */
    public boolean explored() {
        return explored;
    }

    private int nthRemaining(int n, int count) {
        int seen = 0;
        for (int k = 0; k < count; k++) {
            int candidate = order[k];
            if (!taken[candidate]) {
                if (seen == n) {
                    return candidate;
                }
                seen++;
            }
        }
        throw new IllegalStateException("Fewer than " + (n + 1) + " candidates remain.");
    }

    private void ensureCapacity(int count) {
        if (order.length < count) {
            order = new int[count];
            scratch = new int[count];
            taken = new boolean[count];
        }
    }

    /** A stable merge sort of {@code order[from, to)} by descending score. */
    private void sort(double[] scores, int from, int to) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int item = order[i];
                int j = i - 1;
                while (j >= from && scores[order[j]] < scores[item]) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = item;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        sort(scores, from, middle);
        sort(scores, middle, to);
        int left = from;
        int right = middle;
        int out = from;
        while (left < middle && right < to) {
            scratch[out++] = scores[order[right]] > scores[order[left]] ? order[right++] : order[left++];
        }
        while (left < middle) {
            scratch[out++] = order[left++];
        }
        while (right < to) {
            scratch[out++] = order[right++];
        }
        System.arraycopy(scratch, from, order, from, to - from);
    }
}
