package io.autoloop.learner;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable, versioned CTR model: consumes hashed {@link FeatureVector}s (or namespaced feature maps through a
 * {@link Scorer}) and produces click probabilities, carrying its {@link ModelProvenance}. Only non-zero weights are
 * stored; {@link ModelCodec} turns it into bytes and back.
 *
 * <p>Thread-safe: any number of threads may score with one snapshot, each with its own vector or scorer.
 */
public final class ModelSnapshot {

    private final ModelProvenance provenance;
    private final WeightTable weights;

    ModelSnapshot(ModelProvenance provenance, WeightTable weights) {
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.weights = Objects.requireNonNull(weights, "weights");
    }

    public ModelProvenance provenance() {
        return provenance;
    }

    /** Shorthand for {@code provenance().featureSpec()}: the hashing the features to score must follow. */
    public FeatureSpec featureSpec() {
        return provenance.featureSpec();
    }

    /** The linear score {@code Σ w[i] x[i]} of {@code x}, unclipped; allocates nothing. */
    public double margin(FeatureVector x) {
        double margin = 0.0;
        for (int i = 0, size = x.size(); i < size; i++) {
            margin += weights.get(x.index(i)) * x.value(i);
        }
        return margin;
    }

    /** The click probability of {@code x}: the logistic of its margin clipped to ±35; allocates nothing. */
    public double predict(FeatureVector x) {
        return Logistic.probability(margin(x));
    }

    /**
     * Scores {@code count} vectors into {@code scores[0, count)}; allocates nothing.
     *
     * @throws IllegalArgumentException if either array is shorter than {@code count}
     */
    public void predict(FeatureVector[] candidates, int count, double[] scores) {
        if (count > candidates.length || count > scores.length) {
            throw new IllegalArgumentException("Cannot score " + count + " candidates with " + candidates.length
                    + " vectors into " + scores.length + " scores.");
        }
        for (int i = 0; i < count; i++) {
            scores[i] = predict(candidates[i]);
        }
    }

    /**
     * Scores one namespaced feature map; a convenience that allocates a {@link Scorer} per call, so hot paths keep
     * a scorer per thread instead.
     */
    public double predict(Map<String, ? extends Map<String, ?>> features) {
        return newScorer().predict(features);
    }

    /** A new scorer bound to this snapshot, for one thread to reuse. */
    public Scorer newScorer() {
        return new Scorer(this);
    }

    /** The weight of coordinate {@code index}, 0 when the snapshot stores none. */
    public double weight(int index) {
        return weights.get(index);
    }

    /** The number of non-zero weights stored. */
    public int nonZeroWeights() {
        return weights.size();
    }

    /** The stored coordinates, ascending; allocates a new array. */
    int[] sortedIndices() {
        return weights.sortedIndices();
    }

    @Override
    public String toString() {
        return "ModelSnapshot[" + provenance.name() + " " + provenance.version() + ", " + weights.size() + " weights, "
                + provenance.samplesSeen() + " samples]";
    }
}
