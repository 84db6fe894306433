package io.autoloop.learner.search;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;

/**
 * The current example hashed per feature spec, as a {@link SearchTrainer} consumes it: {@code SharedEncodings::vector}
 * for namespaced samples, or a reader of text lines; an implementation hashes the example once per distinct spec.
 */
@FunctionalInterface
public interface Encodings {

    /** The current example hashed with {@code spec}; valid until the next example, and not to be changed. */
    FeatureVector vector(FeatureSpec spec);
}
