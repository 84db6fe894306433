package io.autoloop.contracts;

import java.util.Map;

/**
 * One item of a {@link Decision}: where it was shown, the score it got, the probability it was
 * shown in that slot ({@code propensity}, 1 without exploration) and the namespaced features used
 * ({@code {"user": {...}, "item": {...}, "context": {...}}}).
 */
public record ServedItem(
        String itemId, int position, double score, double propensity, Map<String, Map<String, Object>> features) {

    private static final String NAME = "ServedItem";

    public ServedItem {
        Require.text(itemId, NAME, "itemId");
        if (position < 1) {
            throw new IllegalArgumentException(
                    "A ServedItem needs a position of 1 or more, but it is " + position + ".");
        }
        Require.finite(score, NAME, "score");
        if (!(propensity > 0.0 && propensity <= 1.0)) {
            throw new IllegalArgumentException(
                    "A ServedItem needs a propensity in (0, 1], but it is " + propensity + ".");
        }
        features = Features.copyOf(features);
    }
}
