package io.autoloop.learner;

import java.util.HashMap;
import java.util.Map;

/**
 * Hashes one example once per distinct {@link FeatureSpec}: consumes an example (user id, item id, slot and namespaced
 * features) and produces, for each spec asked for, the {@link FeatureVector} a {@link FeatureEncoder} of that spec
 * makes of it. Learners that share a spec share the vector, so training several learners of the same spec from one
 * stream costs one hashing per example; a second spec costs a second.
 *
 * <p>Lifecycle: {@link #next} for every example, then {@link #vector} for each learner; a vector stays valid until
 * the next call of {@link #next}, and a learner must not change it. An example the encoder refuses is refused
 * again, with the same {@link IllegalArgumentException}, for every spec asked afterwards, without hashing again.
 *
 * <p>Memory: one encoder and one vector per spec ever asked for. Not thread-safe: one per training thread.
 */
public final class SharedEncodings {

    private final Map<FeatureSpec, Slot> slots = new HashMap<>();
    private long example;
    private String userId;
    private String itemId;
    private int position;
    private Map<String, ? extends Map<String, ?>> features;
    private IllegalArgumentException refusal;
    private long encodings;

    /** Starts a new example: the vectors of the previous one are forgotten. */
    public void next(String userId, String itemId, int position, Map<String, ? extends Map<String, ?>> features) {
        this.userId = userId;
        this.itemId = itemId;
        this.position = position;
        this.features = features;
        this.refusal = null;
        example++;
    }

    /**
     * The current example encoded with {@code spec}, hashed on the first request of the example for that spec.
     *
     * @throws IllegalArgumentException when the encoder refuses the example (see {@link FeatureEncoder#encode})
     * @throws IllegalStateException before the first {@link #next}
     */
    public FeatureVector vector(FeatureSpec spec) {
        if (example == 0) {
            throw new IllegalStateException("No example to encode: call next(...) before vector(spec).");
        }
        if (refusal != null) {
            throw refusal;
        }
        Slot slot = slots.computeIfAbsent(spec, Slot::new);
        if (slot.example != example) {
            try {
                encodings++;
                slot.encoder.encode(userId, itemId, position, features, slot.vector);
            } catch (IllegalArgumentException e) {
                refusal = e;
                throw e;
            }
            slot.example = example;
        }
        return slot.vector;
    }

    /** How many times an example was hashed, over all specs, since this object was made. */
    public long encodings() {
        return encodings;
    }

    private static final class Slot {
        private final FeatureEncoder encoder;
        private final FeatureVector vector = new FeatureVector(256);
        private long example;

        private Slot(FeatureSpec spec) {
            this.encoder = new FeatureEncoder(spec);
        }
    }
}
