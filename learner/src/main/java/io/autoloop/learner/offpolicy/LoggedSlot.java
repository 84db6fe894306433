package io.autoloop.learner.offpolicy;

/**
 * One slot of a logged ranking, as {@link CascadeWeights} and {@link RankingEvaluation} consume it: the item shown,
 * its propensity under the logging policy given the items above it, and the reward observed.
 *
 * @param itemId the item shown in the slot
 * @param propensity the probability that the logging policy showed this item in this slot given the items it placed
 *     above it, in (0, 1]
 * @param reward the reward observed for the item, finite (1 for a click, 0 otherwise)
 */
public record LoggedSlot(String itemId, double propensity, double reward) {

    public LoggedSlot {
        if (itemId == null || itemId.isBlank()) {
            throw new IllegalArgumentException("A logged slot needs the id of the item it showed.");
        }
        if (!(propensity > 0.0 && propensity <= 1.0)) {
            throw new IllegalArgumentException(
                    "A logged slot needs a propensity in (0, 1], but " + itemId + "'s is " + propensity + ".");
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException(
                    "A logged slot needs a finite reward, but " + itemId + "'s is " + reward + ".");
        }
    }
}
