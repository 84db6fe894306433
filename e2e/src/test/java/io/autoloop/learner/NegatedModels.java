package io.autoloop.learner;

import java.time.Instant;

/**
 * Builds a broken model for the rollback test: every weight of a trained model negated, so the model ranks the items
 * its users like least first and predicts a click where there is none. It lives in the learner's package because
 * the learner offers no public way to make a snapshot from given weights, which only a test should ever want.
 */
public final class NegatedModels {

    private NegatedModels() {}

    /** {@code model} with each weight negated, as {@code version} of the same model, its parent named. */
    public static ModelSnapshot negate(ModelSnapshot model, String version, Instant createdAt) {
        int[] indices = model.sortedIndices();
        double[] weights = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            weights[i] = -model.weight(indices[i]);
        }
        ModelProvenance parent = model.provenance();
        ModelProvenance provenance = new ModelProvenance(
                parent.name(),
                version,
                parent.version(),
                createdAt,
                parent.featureSpec(),
                parent.hyperParameters(),
                parent.samplesSeen(),
                parent.offsets());
        return new ModelSnapshot(provenance, new WeightTable(indices, weights));
    }
}
