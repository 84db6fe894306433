package io.autoloop.learner.offpolicy;

import java.util.List;

/**
 * Off-policy evaluation of a ranking policy per slot and overall: consumes logged rounds (one item shown at a slot,
 * or the slots of one ranking with a weight and a reward each) and produces an {@link OffPolicyEstimate} of the
 * target policy's mean reward per shown item for each slot and for all slots together.
 *
 * <p>Slot k's {@link WeightedRewards} receives each observation at slot k as a round of its own. The overall one
 * receives each call as one round: a ranking's slots enter it together, so that their dependence widens the overall
 * interval as it should. Slots are 1-based, like a {@code ServedItem}'s position.
 *
 * <p>Allocation: none in the {@code add} methods. Not thread-safe.
 */
public final class RankingEvaluation {

    private final WeightedRewards[] slots;
    private final WeightedRewards overall;
    private final double[] cascadeWeights;
    private final double[] cascadeRewards;

    /** An evaluation of rankings of at most {@code slots} slots. */
    public RankingEvaluation(int slots, OffPolicyParameters parameters) {
        if (slots < 1) {
            throw new IllegalArgumentException("A ranking evaluation needs at least one slot, got " + slots + ".");
        }
        this.slots = new WeightedRewards[slots];
        for (int k = 0; k < slots; k++) {
            this.slots[k] = new WeightedRewards(parameters);
        }
        overall = new WeightedRewards(parameters);
        cascadeWeights = new double[slots];
        cascadeRewards = new double[slots];
    }

    /** Adds a round that showed one item, at the 1-based {@code slot}, with this importance weight and reward. */
    public void add(int slot, double weight, double reward) {
        slotRewards(slot).add(weight, reward);
        overall.add(weight, reward);
    }

    /**
     * Adds a round that showed a ranking of {@code shown} slots: slot k's importance weight and reward at index
     * k − 1.
     */
    public void add(double[] weights, double[] rewards, int shown) {
        if (shown < 1 || shown > slots.length) {
            throw new IllegalArgumentException("This evaluation takes rankings of 1 to " + slots.length
                    + " slots, but the ranking shows " + shown + ".");
        }
        overall.add(weights, rewards, shown);
        for (int k = 0; k < shown; k++) {
            slots[k].add(weights[k], rewards[k]);
        }
    }

    /**
     * Adds a logged ranking evaluated for a deterministic target ranking of the same candidates, with the
     * {@link CascadeWeights} of its slots.
     */
    public void addCascade(List<LoggedSlot> logged, List<String> targetRanking) {
        if (logged.isEmpty() || logged.size() > slots.length) {
            throw new IllegalArgumentException("This evaluation takes rankings of 1 to " + slots.length
                    + " slots, but the logged ranking shows " + logged.size() + ".");
        }
        CascadeWeights.of(logged, targetRanking, cascadeWeights);
        for (int k = 0; k < logged.size(); k++) {
            cascadeRewards[k] = logged.get(k).reward();
        }
        add(cascadeWeights, cascadeRewards, logged.size());
    }

    /** The estimate of {@code estimator} for the 1-based {@code slot}. */
    public OffPolicyEstimate slot(int slot, Estimator estimator) {
        return slotRewards(slot).estimate(estimator);
    }

    /** The estimate of {@code estimator} over every slot, per shown item, with a ranking as one round. */
    public OffPolicyEstimate overall(Estimator estimator) {
        return overall.estimate(estimator);
    }

    private WeightedRewards slotRewards(int slot) {
        if (slot < 1 || slot > slots.length) {
            throw new IllegalArgumentException(
                    "A slot is 1-based and this evaluation has " + slots.length + " slots, but it is " + slot + ".");
        }
        return slots[slot - 1];
    }
}
