package io.autoloop.collector.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which valid events of a request are duplicates: those whose {@code eventId} the dedup store
 * already holds for the app, and any repeat of an {@code eventId} earlier in the same request (the first
 * occurrence wins).
 *
 * <p>The store's markers are written only after Kafka acknowledged an event, so an event of a request that
 * failed (503) is never marked and its retry is published; an event is only "known" once it is durably on
 * {@code feedback.events}.
 */
public final class Deduplication {

    private Deduplication() {}

    /**
     * For each id of {@code eventIds} (in request order), whether it is a duplicate given the ids
     * {@code known} to the store.
     */
    public static boolean[] duplicates(List<String> eventIds, Set<String> known) {
        boolean[] duplicate = new boolean[eventIds.size()];
        Set<String> seen = new HashSet<>(duplicate.length * 4 / 3 + 1);
        for (int i = 0; i < duplicate.length; i++) {
            String id = eventIds.get(i);
            duplicate[i] = known.contains(id) || !seen.add(id);
        }
        return duplicate;
    }
}
