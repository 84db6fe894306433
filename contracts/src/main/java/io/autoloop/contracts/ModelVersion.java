package io.autoloop.contracts;

import java.time.Instant;

/**
 * A published model version, announced on {@code model.versions} keyed by model name; its bytes
 * live in the Redis registry under {@code registryKey}.
 *
 * <p>{@code version} is semver; {@code parent} is the version it was fine-tuned from (null for
 * the first); {@code checksum} is the hex SHA-256 of the model bytes; {@code lineage} names the training
 * configuration the version belongs to: a newer version of the lineage an arm serves refreshes that arm, a version of
 * another lineage challenges it. Schema 2 added {@code lineage}; this build reads only schema 2.
 */
public record ModelVersion(
        int schemaVersion,
        String name,
        String version,
        String parent,
        Instant createdAt,
        long samplesSeen,
        ModelMetrics metrics,
        String checksum,
        String registryKey,
        LineageRef lineage) {

    public static final int SCHEMA_VERSION = 2;
    private static final String NAME = "ModelVersion";

    public ModelVersion {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(name, NAME, "name");
        Require.text(version, NAME, "version");
        Require.present(createdAt, NAME, "createdAt");
        Require.nonNegative(samplesSeen, NAME, "samplesSeen");
        Require.text(checksum, NAME, "checksum");
        Require.text(registryKey, NAME, "registryKey");
        if (schemaVersion < SCHEMA_VERSION) {
            throw new IllegalArgumentException("A " + NAME + " of schemaVersion " + schemaVersion
                    + " names no lineage; this build reads schemaVersion " + SCHEMA_VERSION + " only.");
        }
        Require.present(lineage, NAME, "lineage");
    }
}
