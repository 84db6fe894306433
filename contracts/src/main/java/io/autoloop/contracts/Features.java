package io.autoloop.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Namespaced features as they travel on the wire: namespace ({@code user}, {@code item},
 * {@code context}) to name to a string or a number.
 */
public final class Features {

    private Features() {}

    /** An unmodifiable deep copy; null becomes empty. */
    public static Map<String, Map<String, Object>> copyOf(Map<String, Map<String, Object>> features) {
        if (features == null || features.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        features.forEach((namespace, values) -> copy.put(namespace, values == null ? Map.of() : Map.copyOf(values)));
        return Map.copyOf(copy);
    }
}
