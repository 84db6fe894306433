package io.autoloop.simulator.http;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The ab-router's answer to {@code POST /v1/rank}: the decision to report feedback against, the experiment and arm
 * that served it, the ranked items, and whether the router's exploration showed in some slot another item than the
 * best remaining one (the ranking is then not the model's own order).
 */
public record RankResponse(
        String decisionId,
        String experimentId,
        String arm,
        String modelVersion,
        List<RankedItem> items,
        boolean explored) {

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

    private List<RankedItem> shown() {
        return items.stream()
                .sorted(Comparator.comparingInt(RankedItem::position))
                .toList();
    }
}
