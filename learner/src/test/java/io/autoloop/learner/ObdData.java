package io.autoloop.learner;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's Open Bandit sample stream, {@code data/obd/obd_men_women_40k.vw}, for the tests and the
 * benchmarks, under the nearest folder from the working directory upwards that holds {@code data/obd} and a
 * {@code pom.xml} (the repository root, whether Maven runs from there or from the learner module).
 */
public final class ObdData {

    private static final String STREAM = "data/obd/obd_men_women_40k.vw";

    private ObdData() {}

    /** The stream's path; fails with a sentence naming the folder it started from when no repository root holds it. */
    public static Path stream() {
        Path start = Path.of("").toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("data/obd")) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                Path stream = folder.resolve(STREAM);
                if (!Files.isRegularFile(stream)) {
                    throw new IllegalStateException("The repository at " + folder + " has no " + STREAM + ".");
                }
                return stream;
            }
        }
        throw new IllegalStateException("No folder from " + start
                + " upwards holds data/obd and a pom.xml; run from inside the Autoloop repository.");
    }
}
