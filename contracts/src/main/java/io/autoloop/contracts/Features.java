package io.autoloop.contracts;

import java.util.Map;

/**
 * Namespaced features as they travel on the wire: namespace ({@code user}, {@code item},
 * {@code context}) to name to a string or a number.
 */
public final class Features {

    private Features() {}

    /**
     * An unmodifiable deep copy; null becomes empty. Namespaces that are unmodifiable maps already are taken as they
     * are ({@link Map#copyOf}), so copying the features of a record into another costs one outer map.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> copyOf(Map<String, Map<String, Object>> features) {
        if (features == null || features.isEmpty()) {
            return Map.of();
        }
        Map.Entry<String, Map<String, Object>>[] namespaces = new Map.Entry[features.size()];
        int next = 0;
        for (Map.Entry<String, Map<String, Object>> namespace : features.entrySet()) {
            Map<String, Object> values = namespace.getValue();
            namespaces[next++] = Map.entry(namespace.getKey(), values == null ? Map.of() : Map.copyOf(values));
        }
        return Map.ofEntries(namespaces);
    }
}
