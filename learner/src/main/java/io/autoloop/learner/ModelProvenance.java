package io.autoloop.learner;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a {@link ModelSnapshot} came from: its identity, the feature spec and hyper-parameters it was trained with,
 * how many samples it has seen and up to which Kafka offsets.
 *
 * @param name the model name, for example {@code ctr}
 * @param version the version, for example {@code 1.4.0}
 * @param parentVersion the version it was trained on from, or null for the first version
 * @param createdAt when the snapshot was taken
 * @param featureSpec how its features are hashed
 * @param hyperParameters the FTRL hyper-parameters it was trained with
 * @param samplesSeen the number of samples learned
 * @param offsets the next offset to consume per Kafka partition (for example {@code training.samples-0}), sorted
 *     by partition
 */
public record ModelProvenance(
        String name,
        String version,
        String parentVersion,
        Instant createdAt,
        FeatureSpec featureSpec,
        FtrlParameters hyperParameters,
        long samplesSeen,
        Map<String, Long> offsets) {

    public ModelProvenance {
        requireText("name", name);
        requireText("version", version);
        if (parentVersion != null && parentVersion.isBlank()) {
            throw new IllegalArgumentException(
                    "A parent version must be null or non-blank, got '" + parentVersion + "'.");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(featureSpec, "featureSpec");
        Objects.requireNonNull(hyperParameters, "hyperParameters");
        if (samplesSeen < 0) {
            throw new IllegalArgumentException("Samples seen must be non-negative, got " + samplesSeen + ".");
        }
        offsets = sortedOffsets(offsets);
    }

    static Map<String, Long> sortedOffsets(Map<String, Long> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        TreeMap<String, Long> sorted = new TreeMap<>();
        offsets.forEach((partition, offset) -> {
            if (partition == null || offset == null || offset < 0) {
                throw new IllegalArgumentException(
                        "Every Kafka offset needs a partition and a non-negative offset, got " + partition + " -> "
                                + offset + ".");
            }
            sorted.put(partition, offset);
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A model " + field + " must be non-blank, got '" + value + "'.");
        }
    }
}
