package io.autoloop.router.service.ranking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Bounds the size of the {@code Decision} a ranking will log, from the request alone, before anything is scored:
 * consumes a {@link RankRequest} whose ids and features are valid and the number of slots it fills, and produces an
 * upper bound, in bytes, of the decision's contract JSON ({@code DecisionSerializer}).
 *
 * <p>The decision repeats, for every shown item, the user and context features besides the item's own (each with the
 * ids {@code RankingService} adds), so its size is about slots × (user + context + item features): a request well
 * within every other limit (1,000 candidates of 100 features, 100 slots) can still make one far larger than Kafka takes
 * in a record. The bound counts each string as JSON writes it in UTF-8 (a character of up to 3 bytes, an escaped one of up
 * to 6, and each half of a surrogate pair escaped, 6, as Jackson writes them), each number as 25 bytes (the longest a {@code double} or {@code long} is written),
 * each boolean as 5, the fixed fields generously, and, not knowing yet which candidates will be shown, the largest
 * ones. Linear in the size of the request.
 */
final class DecisionSize {

    /**
     * The decision's own fields: schema version, decision id (a UUID), pseudonymous user id (64 hex characters),
     * experiment id, arm, model version and time, each name and punctuation included; experiment ids and model
     * versions are the router's own, a few dozen characters.
     */
    static final int DECISION_OVERHEAD = 1024;

    /**
     * One served item besides its features' names and values: item id twice (the item's and {@code item.id}, counted
     * apart), position, score, propensity, the namespaces' names, {@code user.id} (the pseudonymous user id) and
     * punctuation.
     */
    static final int ITEM_OVERHEAD = 256;

    /** The longest a number is written: {@code -2.2250738585072014E-308} has 24 characters. */
    static final int NUMBER_BYTES = 25;

    private DecisionSize() {}

    /** An upper bound of the decision's JSON bytes when {@code request} fills {@code slots} slots. */
    static long bound(RankRequest request, int slots) {
        long shared = ITEM_OVERHEAD + mapBytes(request.user()) + mapBytes(request.context());
        List<RankRequest.Candidate> candidates = request.candidates();
        long[] items = new long[candidates.size()];
        for (int i = 0; i < items.length; i++) {
            RankRequest.Candidate candidate = candidates.get(i);
            items[i] = 2 * stringBytes(candidate.itemId()) + mapBytes(candidate.features());
        }
        int shown = Math.min(slots, items.length);
        if (shown < items.length) {
            Arrays.sort(items);
        }
        long largest = 0;
        for (int i = items.length - shown; i < items.length; i++) {
            largest += items[i];
        }
        return DECISION_OVERHEAD + shown * shared + largest;
    }

    /** The JSON bytes of {@code features} as an object, nulls left out as the decision leaves them; 2 for none. */
    static long mapBytes(Map<String, Object> features) {
        if (features == null) {
            return 2;
        }
        long[] bytes = {2};
        features.forEach((name, value) -> {
            if (value != null) {
                bytes[0] += stringBytes(name) + 1 + valueBytes(value) + 1;
            }
        });
        return bytes[0];
    }

    /** The JSON bytes of a string, quotes included: UTF-8, with escapes; each UTF-16 surrogate escaped. */
    static long stringBytes(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || Character.isSurrogate(c)) {
                bytes += 6;
            } else if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static long valueBytes(Object value) {
        if (value instanceof String text) {
            return stringBytes(text);
        }
        if (value instanceof Boolean) {
            return 5;
        }
        return NUMBER_BYTES;
    }
}
