package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import java.util.Map;

/**
 * Turns a {@link LabelledSample} into the hashed vector the learner trains on: its namespaced features, plus
 * {@code user^id} and {@code item^id} when the sample's features lack them, plus the slot it was served in as the
 * string feature {@code context^position=<position>}.
 *
 * <p>The position is a training-time feature only: the ab-router scores every candidate at the reference position,
 * i.e. with {@code {"context": {"position": "1"}}} (the string {@code "1"}, which hashes differently from the number
 * 1), so the model learns the position bias without serving it. A {@code context.position} already present in the
 * sample's features (the router logs the reference position it scored with) is replaced by the logged slot.
 *
 * <p>Not thread-safe: one encoder per thread.
 */
public final class SampleEncoder {

    /** Namespace of the position feature. */
    public static final String POSITION_NAMESPACE = FeatureSpec.CONTEXT;

    /** Name of the position feature; its value is the 1-based slot as a decimal string. */
    public static final String POSITION_FEATURE = "position";

    /** The position the router scores every candidate at. */
    public static final String REFERENCE_POSITION = "1";

    /** Name of the identity features {@code user^id} and {@code item^id}. */
    public static final String ID_FEATURE = "id";

    private final FeatureHasher hasher;

    public SampleEncoder(FeatureSpec spec) {
        this.hasher = new FeatureHasher(spec);
    }

    public FeatureSpec spec() {
        return hasher.spec();
    }

    /**
     * Clears {@code out} and hashes {@code sample} into it, bias and crosses included.
     *
     * @throws IllegalArgumentException naming the feature when a value is not a string, a finite number or a
     *     boolean
     */
    public void encode(LabelledSample sample, FeatureVector out) {
        hasher.begin(out);
        boolean hasUserId = false;
        boolean hasItemId = false;
        for (Map.Entry<String, Map<String, Object>> namespace :
                sample.features().entrySet()) {
            String ns = namespace.getKey();
            for (Map.Entry<String, Object> feature : namespace.getValue().entrySet()) {
                String name = feature.getKey();
                if (POSITION_FEATURE.equals(name) && POSITION_NAMESPACE.equals(ns)) {
                    continue;
                }
                add(ns, name, feature.getValue());
                if (ID_FEATURE.equals(name)) {
                    hasUserId |= FeatureSpec.USER.equals(ns);
                    hasItemId |= FeatureSpec.ITEM.equals(ns);
                }
            }
        }
        if (!hasUserId) {
            hasher.addString(FeatureSpec.USER, ID_FEATURE, sample.userId());
        }
        if (!hasItemId) {
            hasher.addString(FeatureSpec.ITEM, ID_FEATURE, sample.itemId());
        }
        hasher.addString(POSITION_NAMESPACE, POSITION_FEATURE, Integer.toString(sample.position()));
        hasher.end();
    }

    private void add(String namespace, String name, Object value) {
        if (value instanceof String text) {
            hasher.addString(namespace, name, text);
        } else if (value instanceof Number number) {
            hasher.addNumeric(namespace, name, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            hasher.addString(namespace, name, flag ? "true" : "false");
        } else if (value != null) {
            throw new IllegalArgumentException("Feature " + namespace + "^" + name + " has a value of type "
                    + value.getClass().getSimpleName() + "; feature values must be strings, numbers or booleans.");
        }
    }
}
