package io.autoloop.learner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One labelled training example in namespaced form, as {@link VwReader#toExample(String)} produces it and
 * {@link FeatureHasher#hash(java.util.Map, FeatureVector)} consumes its features.
 *
 * @param label the outcome, 0 or 1
 * @param weight the sample weight, finite and non-negative
 * @param tag the example's tag, or null without one
 * @param features namespace → feature name → string or number, in input order (copied, unmodifiable)
 */
public record LabelledExample(double label, double weight, String tag, Map<String, Map<String, Object>> features) {

    public LabelledExample {
        if (label != 0.0 && label != 1.0) {
            throw new IllegalArgumentException("A label must be 0 or 1, got " + label + ".");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("A sample weight must be finite and non-negative, got " + weight + ".");
        }
        Objects.requireNonNull(features, "features");
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        features.forEach(
                (namespace, values) -> copy.put(namespace, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        features = Collections.unmodifiableMap(copy);
    }
}
