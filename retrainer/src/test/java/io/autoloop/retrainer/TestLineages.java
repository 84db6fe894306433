package io.autoloop.retrainer;

import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.retrainer.domain.TrainerSettings;
import java.time.Instant;

/** Lineages for tests: the default lineage of some settings, or another lineage of a model. */
public final class TestLineages {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private TestLineages() {}

    /** The lineage {@code default} (ordinal 1) of {@code settings}' feature spec and FTRL parameters. */
    public static Lineage defaultOf(String model, TrainerSettings settings) {
        return of(model, "default", 1, settings.defaultConfig());
    }

    /** The lineage of {@code config} named {@code name}, with {@code ordinal}. */
    public static Lineage of(String model, String name, int ordinal, LineageConfig config) {
        return new Lineage(
                Lineage.SCHEMA_VERSION,
                model,
                new LineageRef(config.fingerprint(), name),
                config,
                ordinal,
                CREATED,
                "config");
    }
}
