package io.autoloop.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds files of the repository for tests and benchmarks, whichever folder Maven runs them from (the repository root,
 * or a module's folder): the root is the nearest folder, from the working directory upwards, that holds a
 * {@code pom.xml} and {@code data/obd}.
 */
public final class Repository {

    /** The Open Bandit sample stream in Vowpal Wabbit text format. */
    public static final String OBD_STREAM = "data/obd/obd_men_women_40k.vw";

    private Repository() {}

    /** The repository root, looked for from the working directory upwards. */
    public static Path root() {
        return root(Path.of("").toAbsolutePath());
    }

    /** The repository root, looked for from {@code start} upwards; fails with a sentence naming {@code start}. */
    public static Path root(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("data/obd")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        throw new IllegalStateException("No folder from " + start
                + " upwards holds data/obd and a pom.xml; run from inside the Autoloop repository.");
    }

    /** The file at {@code relative} under the repository root; fails with a sentence when it is missing. */
    public static Path file(String relative) {
        return file(root(), relative);
    }

    /** The file at {@code relative} under the repository found from {@code start} upwards. */
    public static Path file(Path start, String relative) {
        Path root = root(start);
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The repository at " + root + " has no " + relative + ".");
        }
        return file;
    }
}
