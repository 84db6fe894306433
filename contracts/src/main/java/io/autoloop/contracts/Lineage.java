package io.autoloop.contracts;

import java.time.Instant;

/**
 * A lineage of a model as the retrainer registers it: its reference, its training configuration, the major version
 * number its versions carry ({@code ordinal.refresh.0}), when and by whom it was created, stored as JSON in the hash
 * {@link RedisKeys#lineages} under its id.
 *
 * @param ordinal the lineage's number within the model, from 1 in order of creation; the major version of each of its
 *     versions
 * @param origin who created it: {@code config} for the configured default, an admin's name, or {@code search}
 */
public record Lineage(
        int schemaVersion,
        String model,
        LineageRef ref,
        LineageConfig config,
        int ordinal,
        Instant createdAt,
        String origin) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "Lineage";

    public Lineage {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(model, NAME, "model");
        Require.present(ref, NAME, "ref");
        Require.present(config, NAME, "config");
        Require.nonNegative(ordinal, NAME, "ordinal");
        Require.present(createdAt, NAME, "createdAt");
        Require.text(origin, NAME, "origin");
        if (!ref.id().equals(config.fingerprint())) {
            throw new IllegalArgumentException("A " + NAME + "'s id must be its configuration's fingerprint "
                    + config.fingerprint() + ", but it is " + ref.id() + ".");
        }
    }
}
