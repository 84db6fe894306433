package io.autoloop.learner;

import io.autoloop.testing.Repository;
import java.nio.file.Path;

/**
 * The repository's Open Bandit sample, for the tests and the benchmarks: the stream ({@value Repository#OBD_STREAM})
 * and the impression logs of each policy and campaign.
 */
public final class ObdData {

    private ObdData() {}

    /** The stream's path; fails with a sentence naming where it looked when no repository root holds it. */
    public static Path stream() {
        return Repository.file(Repository.OBD_STREAM);
    }

    /**
     * The impressions that {@code policy} ({@code random} or {@code bts}) logged in {@code campaign} ({@code men} or
     * {@code women}): {@code data/obd/<policy>/<campaign>/<campaign>.csv}.
     */
    public static Path impressions(String policy, String campaign) {
        return Repository.file("data/obd/" + policy + "/" + campaign + "/" + campaign + ".csv");
    }
}
