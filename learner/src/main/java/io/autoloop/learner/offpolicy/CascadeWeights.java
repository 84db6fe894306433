package io.autoloop.learner.offpolicy;

import java.util.List;

/**
 * The reward-interaction (cascade) importance weights of a deterministic target ranking: consumes the slots of one
 * logged ranking and the target's ranking of the same candidates, and produces for each slot k the weight
 * {@code Π_{j ≤ k} π_e(a_j | x, a_1..a_{j−1}) / π_b(a_j | x, a_1..a_{j−1})} of the RIPS estimator (McInerney et al.,
 * <i>Counterfactual Evaluation of Slate Recommendations with Sequential Reward Interactions</i>, KDD 2020; the Open
 * Bandit Pipeline's {@code SlateRewardInteractionIPS}).
 *
 * <p>The weight is unbiased when a user's reward at slot k depends on the items at slots 1 to k only (the cascade
 * assumption, which a position-based click model satisfies too). The target ranks greedily, so its probability of the
 * logged item at slot j, given the logged items above it, is 1 when those items are its own first j − 1 and the
 * logged item is its j-th, and 0 otherwise: the weight is the product of {@code 1 / π_b} while the logged prefix
 * matches the target's ranking, and 0 from the first slot where it departs. With an ε-greedy logger, a target that
 * disagrees with the logger's best item at slot 1 gets weight only from the rounds that explored.
 */
public final class CascadeWeights {

    private CascadeWeights() {}

    /**
     * Writes the weight of each logged slot into {@code weights[0, logged.size())}; allocates nothing.
     *
     * @param logged the logged ranking, top slot first, with each slot's conditional propensity
     * @param targetRanking the target's ranking of the same candidates, best first; at least as long as the logged one
     * @param weights receives the weights, at least as long as the logged ranking
     */
    public static void of(List<LoggedSlot> logged, List<String> targetRanking, double[] weights) {
        if (targetRanking.size() < logged.size()) {
            throw new IllegalArgumentException("The target ranking holds " + targetRanking.size()
                    + " items but the logged ranking shows " + logged.size()
                    + "; the target must rank at least as many candidates as were shown.");
        }
        if (weights.length < logged.size()) {
            throw new IllegalArgumentException("The weights array holds " + weights.length
                    + " slots but the logged ranking shows " + logged.size() + ".");
        }
        double weight = 1.0;
        for (int k = 0; k < logged.size(); k++) {
            LoggedSlot slot = logged.get(k);
            weight = slot.itemId().equals(targetRanking.get(k)) ? weight / slot.propensity() : 0.0;
            weights[k] = weight;
        }
    }
}
