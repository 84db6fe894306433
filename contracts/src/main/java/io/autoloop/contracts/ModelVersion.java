package io.autoloop.contracts;

import java.time.Instant;

/**
 * A published model version, announced on {@code model.versions} keyed by model name; its bytes
 * live in the Redis registry under {@code registryKey}.
 *
 * <p>{@code version} is semver; {@code parent} is the version it was fine-tuned from (null for
 * the first); {@code checksum} is the hex SHA-256 of the model bytes.
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
        String registryKey) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "ModelVersion";

    public ModelVersion {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(name, NAME, "name");
        Require.text(version, NAME, "version");
        Require.present(createdAt, NAME, "createdAt");
        Require.nonNegative(samplesSeen, NAME, "samplesSeen");
        Require.text(checksum, NAME, "checksum");
        Require.text(registryKey, NAME, "registryKey");
    }
}
