package io.autoloop.learner;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a retrainer needs to resume exactly where it stopped: the live learner and progressive validation, the
 * Kafka offsets consumed into them, and the last version published. {@link CheckpointCodec} turns it into bytes.
 *
 * <p>The learner and validation are the trainer's own mutable objects: writing a checkpoint copies their state at
 * that moment, and reading one creates fresh ones.
 *
 * @param name the model name
 * @param lastVersion the last version published from this learner, or null before the first
 * @param createdAt when the checkpoint was taken
 * @param offsets the next offset to consume per Kafka partition, matching exactly the samples learned
 * @param learner the FTRL state
 * @param validation the progressive validation state
 */
public record TrainerCheckpoint(
        String name,
        String lastVersion,
        Instant createdAt,
        Map<String, Long> offsets,
        FtrlLearner learner,
        ProgressiveValidation validation) {

    public TrainerCheckpoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A checkpoint needs a non-blank model name, got '" + name + "'.");
        }
        if (lastVersion != null && lastVersion.isBlank()) {
            throw new IllegalArgumentException("A last version must be null or non-blank, got '" + lastVersion + "'.");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        offsets = ModelProvenance.sortedOffsets(offsets);
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(validation, "validation");
    }
}
