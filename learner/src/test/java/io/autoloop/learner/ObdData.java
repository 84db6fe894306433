package io.autoloop.learner;

import io.autoloop.testing.Repository;
import java.nio.file.Path;

/** The repository's Open Bandit sample stream ({@value Repository#OBD_STREAM}), for the tests and the benchmarks. */
public final class ObdData {

    private ObdData() {}

    /** The stream's path; fails with a sentence naming where it looked when no repository root holds it. */
    public static Path stream() {
        return Repository.file(Repository.OBD_STREAM);
    }
}
