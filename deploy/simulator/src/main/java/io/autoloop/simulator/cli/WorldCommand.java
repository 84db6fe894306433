package io.autoloop.simulator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code world}: the options of a synthetic world run, made into a {@link Mode.World}. */
@Command(
        name = "world",
        sortOptions = false,
        abbreviateSynopsis = true,
        description = "A seeded synthetic world of users and items with a hidden true click model: ranks with the"
                + " ab-router, draws impressions, clicks, dwell, ratings and conversions, and sends them to the"
                + " collector.")
final class WorldCommand implements ModeCommand {

    /** The most candidates the router ranks in one request. */
    static final int MAX_CANDIDATES = 1_000;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "world seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "5000",
            description = "users in the world (default ${DEFAULT-VALUE})")
    private int users;

    @Option(
            names = "--items",
            paramLabel = "N",
            defaultValue = "500",
            description = "items in the catalogue (default ${DEFAULT-VALUE})")
    private int items;

    @Option(
            names = "--candidates",
            paramLabel = "N",
            defaultValue = "50",
            description = "candidates per ranking request, 1-1000 (default ${DEFAULT-VALUE})")
    private int candidates;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "ranked items shown per request (default ${DEFAULT-VALUE})")
    private int limit;

    @Option(
            names = "--rate",
            paramLabel = "R",
            defaultValue = "20",
            description = "ranking requests per second (default ${DEFAULT-VALUE})")
    private double rate;

    @Mixin
    private RunOptions run;

    @Override
    public Mode.World mode(boolean interactive) {
        if (candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException(
                    "--candidates must be 1 to 1,000 (the router's bound), but it is " + candidates + ".");
        }
        return new Mode.World(
                run.targets(),
                run.settings(rate, null, interactive),
                run.runId(),
                seed,
                positive("--users", users),
                positive("--items", items),
                positive("--candidates", candidates),
                positive("--limit", limit));
    }

    private static int positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be a positive whole number, but it is " + value + ".");
        }
        return value;
    }
}
