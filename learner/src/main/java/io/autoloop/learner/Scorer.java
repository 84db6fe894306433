package io.autoloop.learner;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores namespaced feature maps with one {@link ModelSnapshot}, reusing its own hasher and vector: consumes the
 * features a ranking request carries and produces click probabilities without allocating.
 *
 * <p>Not thread-safe: keep one scorer per thread and model (for example in a {@link ThreadLocal}), and make a new
 * one when the model is swapped.
 */
public final class Scorer {

    private final ModelSnapshot model;
    private final FeatureHasher hasher;
    private final FeatureVector vector = new FeatureVector(256);

    Scorer(ModelSnapshot model) {
        this.model = Objects.requireNonNull(model, "model");
        this.hasher = new FeatureHasher(model.featureSpec());
    }

    /** The snapshot this scorer scores with. */
    public ModelSnapshot model() {
        return model;
    }

    /** The click probability of one namespaced feature map. */
    public double predict(Map<String, ? extends Map<String, ?>> features) {
        hasher.hash(features, vector);
        return model.predict(vector);
    }

    /**
     * Scores each candidate on the union of the shared features (user, context) and its own (item), writing the
     * probabilities into {@code scores[0, candidates.size())}; crosses see both parts.
     *
     * @throws IllegalArgumentException if {@code scores} is shorter than the candidate list
     */
    public void predict(
            Map<String, ? extends Map<String, ?>> shared,
            List<? extends Map<String, ? extends Map<String, ?>>> candidates,
            double[] scores) {
        int count = candidates.size();
        if (scores.length < count) {
            throw new IllegalArgumentException(
                    "Cannot write " + count + " candidate scores into an array of " + scores.length + ".");
        }
        for (int i = 0; i < count; i++) {
            hasher.begin(vector);
            hasher.addAll(shared);
            hasher.addAll(candidates.get(i));
            hasher.end();
            scores[i] = model.predict(vector);
        }
    }
}
