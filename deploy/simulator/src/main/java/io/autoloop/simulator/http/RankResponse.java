package io.autoloop.simulator.http;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ab-router's answer to {@code POST /v1/rank}: the decision to report feedback against, the experiment and arm
 * that served it, and the ranked items.
 */
public record RankResponse(
        String decisionId, String experimentId, String arm, String modelVersion, List<RankedItem> items) {

    public RankResponse {
        items = List.copyOf(Objects.requireNonNullElse(items, List.of()));
    }

    /**
     * One ranked item: its click probability at the reference position (null while no model exists) and its 1-based
     * position.
     */
    public record RankedItem(String itemId, Double score, int position) {}

    /** The item ids in the order shown: by position, ties in answer order. */
    public List<String> shownItemIds() {
        return shown().stream().map(RankedItem::itemId).toList();
    }

    /**
     * Whether this ranking visibly departs from the router's greedy order, which is how the simulator tells that the
     * router explored: the answer does not say so. Slot by slot, the router's ε-greedy selection shows the remaining
     * candidate with the highest score (ties in request order) unless it explores, when it shows a remaining candidate
     * drawn uniformly. Without scores (no model yet: every candidate scores the same) the greedy ranking is the first
     * of {@code candidateIds}, so any other ranking was explored. With scores, a ranking was explored when an item
     * outranks the one shown above it (a higher score, or the same score and earlier in {@code candidateIds}).
     * Exploration of the last slot alone, or a draw that happens to fall in order, is not seen.
     *
     * @param candidateIds the request's candidates in request order
     */
    public boolean explored(List<String> candidateIds) {
        List<RankedItem> shown = shown();
        if (shown.stream().allMatch(item -> item.score() == null)) {
            return !shownItemIds().equals(candidateIds.subList(0, Math.min(shown.size(), candidateIds.size())));
        }
        Map<String, Integer> requestOrder = new HashMap<>();
        for (int i = candidateIds.size() - 1; i >= 0; i--) {
            requestOrder.put(candidateIds.get(i), i);
        }
        for (int slot = 1; slot < shown.size(); slot++) {
            RankedItem above = shown.get(slot - 1);
            RankedItem below = shown.get(slot);
            int byScore = Double.compare(score(below), score(above));
            if (byScore > 0
                    || byScore == 0
                            && requestOrder.getOrDefault(below.itemId(), Integer.MAX_VALUE)
                                    < requestOrder.getOrDefault(above.itemId(), Integer.MAX_VALUE)) {
                return true;
            }
        }
        return false;
    }

    private List<RankedItem> shown() {
        return items.stream()
                .sorted(Comparator.comparingInt(RankedItem::position))
                .toList();
    }

    /** The router scores every candidate 0 while it has no model. */
    private static double score(RankedItem item) {
        return item.score() == null ? 0.0 : item.score();
    }
}
