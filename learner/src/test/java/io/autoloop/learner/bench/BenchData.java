package io.autoloop.learner.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the Open Bandit sample stream for benchmarks run from the repository root or the learner module. */
final class BenchData {

    private BenchData() {}

    static Path obdStream() {
        for (String candidate : new String[] {"../shared", "../../shared"}) {
            Path file = Path.of(candidate, "data/obd/obd_men_women_40k.vw")
                    .toAbsolutePath()
                    .normalize();
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("The Open Bandit sample stream is missing: expected shared/data/obd/"
                + "obd_men_women_40k.vw beside the repository clone.");
    }
}
