package io.autoloop.simulator.world;

import io.autoloop.contracts.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One user visit: the user and the candidates the app asks to rank, and, once the ranking is shown, the feedback drawn
 * from the true model ({@link #react}).
 *
 * <p>For each shown item in slot k (0-based, in ranking order): an impression at once; a click with probability
 * {@link TrueClickModel#clickProbability}, 0.3–3 s later. Only a click leads to more, each drawn independently with
 * r = {@link TrueClickModel#relevance}:
 *
 * <ul>
 *   <li>dwell with probability {@value #DWELL_SHARE}: completion {@code clamp(r + N(0, 0.2²), 0, 1)} (3 decimals),
 *       1–8 s after the click;
 *   <li>rating with probability {@value #RATING_SHARE}: {@code clamp(round(1 + 4r + N(0, 0.6²)), 1, 5)}, 2–10 s after
 *       the click;
 *   <li>conversion with probability 0 (free), {@value #STANDARD_CONVERSION} (standard) or {@value #PREMIUM_CONVERSION}
 *       (premium): an amount uniform in 2.99–5.99 (standard) or 7.99–14.99 (premium), 2–12 s after the click.
 * </ul>
 *
 * Delays are uniform in their range. Not thread-safe: a visit's random generator is its own.
 */
public final class Visit {

    static final double DWELL_SHARE = 0.7;
    static final double RATING_SHARE = 0.15;
    static final double STANDARD_CONVERSION = 0.08;
    static final double PREMIUM_CONVERSION = 0.05;

    private final long index;
    private final User user;
    private final List<Item> candidates;
    private final World world;
    private final SplittableRandom random;

    Visit(long index, User user, List<Item> candidates, World world, SplittableRandom random) {
        this.index = index;
        this.user = user;
        this.candidates = List.copyOf(candidates);
        this.world = world;
        this.random = random;
    }

    public long index() {
        return index;
    }

    public User user() {
        return user;
    }

    public List<Item> candidates() {
        return candidates;
    }

    /**
     * Draws the user's feedback on a ranking shown in this order; ids the world does not know are skipped (they keep
     * their slot). Call once per visit.
     */
    public List<SimulatedFeedback> react(List<String> shownItemIds) {
        TrueClickModel truth = world.truth();
        List<SimulatedFeedback> feedback = new ArrayList<>();
        for (int slot = 0; slot < shownItemIds.size(); slot++) {
            Item item = world.item(shownItemIds.get(slot));
            if (item == null) {
                continue;
            }
            feedback.add(new SimulatedFeedback(EventType.IMPRESSION, item.itemId(), slot, null, Duration.ZERO));
            if (random.nextDouble() >= truth.clickProbability(user, item, slot)) {
                continue;
            }
            Duration click = millis(300, 3_000);
            feedback.add(new SimulatedFeedback(EventType.CLICK, item.itemId(), slot, null, click));
            double relevance = truth.relevance(user, item);
            if (random.nextDouble() < DWELL_SHARE) {
                double completion = Math.round(clamp(relevance + 0.2 * random.nextGaussian(), 0, 1) * 1000) / 1000.0;
                feedback.add(new SimulatedFeedback(
                        EventType.DWELL, item.itemId(), slot, completion, click.plus(millis(1_000, 8_000))));
            }
            if (random.nextDouble() < RATING_SHARE) {
                double rating = clamp(Math.round(1 + 4 * relevance + 0.6 * random.nextGaussian()), 1, 5);
                feedback.add(new SimulatedFeedback(
                        EventType.RATING, item.itemId(), slot, rating, click.plus(millis(2_000, 10_000))));
            }
            double conversion =
                    item.priceBand() == 1 ? STANDARD_CONVERSION : item.priceBand() == 2 ? PREMIUM_CONVERSION : 0;
            if (random.nextDouble() < conversion) {
                double amount = item.priceBand() == 1 ? random.nextDouble(2.99, 5.99) : random.nextDouble(7.99, 14.99);
                feedback.add(new SimulatedFeedback(
                        EventType.CONVERSION,
                        item.itemId(),
                        slot,
                        Math.round(amount * 100) / 100.0,
                        click.plus(millis(2_000, 12_000))));
            }
        }
        return feedback;
    }

    /**
     * The expected clicks of showing {@code shownItemIds} in this order to the visit's user, and of the oracle ranking
     * of the visit's candidates ({@link RankingValue}). An id that is not a candidate keeps its slot and expects no
     * click. Draws nothing: it may be called before or after {@link #react}.
     */
    public RankingValue value(List<String> shownItemIds) {
        TrueClickModel truth = world.truth();
        double[] candidateAppeal = new double[candidates.size()];
        for (int i = 0; i < candidateAppeal.length; i++) {
            candidateAppeal[i] = truth.appeal(user, candidates.get(i));
        }
        double[] shownAppeal = new double[shownItemIds.size()];
        for (int slot = 0; slot < shownAppeal.length; slot++) {
            int candidate = candidateIndex(shownItemIds.get(slot));
            shownAppeal[slot] = candidate < 0 ? 0 : candidateAppeal[candidate];
        }
        return RankingValue.of(shownAppeal, candidateAppeal);
    }

    private int candidateIndex(String itemId) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).itemId().equals(itemId)) {
                return i;
            }
        }
        return -1;
    }

    private Duration millis(int from, int to) {
        return Duration.ofMillis(random.nextInt(from, to + 1));
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
