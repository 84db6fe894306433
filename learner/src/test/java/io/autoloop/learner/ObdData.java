package io.autoloop.learner;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the Open Bandit sample stream that sits in {@code shared/} beside the repository. */
final class ObdData {

    private ObdData() {}

    /**
     * {@code <repository root>/../shared/data/obd/obd_men_women_40k.vw}, where the repository root is the parent of
     * the learner module; fails with a message saying where it looked.
     */
    static Path stream() {
        String basedir = System.getProperty("autoloop.learner.basedir", System.getProperty("user.dir"));
        Path file = Path.of(basedir)
                .toAbsolutePath()
                .normalize()
                .getParent()
                .resolveSibling("shared")
                .resolve("data/obd/obd_men_women_40k.vw");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The Open Bandit sample stream is missing: expected " + file
                    + " (shared/ must sit beside the repository clone).");
        }
        return file;
    }
}
