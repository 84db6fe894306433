package io.autoloop.simulator.replay;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the repository's Open Bandit folder, {@code data/obd}, the default of {@code replay-obd --data}: under the
 * nearest folder that holds {@code data/obd} and a {@code pom.xml}, looked for from the working directory upwards and
 * then from the simulator's own jar upwards, so {@code java -jar deploy/simulator/target/autoloop-simulator.jar} finds
 * it from the repository root and from anywhere else.
 */
public final class ObdFolder {

    private static final String IN_REPOSITORY = "data/obd";

    private ObdFolder() {}

    /** The repository's {@code data/obd}; an {@link IllegalArgumentException} naming where it looked otherwise. */
    public static Path find() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        Path code = codeLocation(ObdFolder.class.getProtectionDomain().getCodeSource());
        if (code != null) {
            starts.add(code);
        }
        return find(starts);
    }

    /** The repository's {@code data/obd}, looked for from each of {@code starts} upwards in turn. */
    static Path find(List<Path> starts) {
        for (Path start : starts) {
            for (Path folder = start; folder != null; folder = folder.getParent()) {
                if (Files.isDirectory(folder.resolve(IN_REPOSITORY))
                        && Files.isRegularFile(folder.resolve("pom.xml"))) {
                    return folder.resolve(IN_REPOSITORY);
                }
            }
        }
        throw new IllegalArgumentException("No folder from "
                + starts.stream().map(Path::toString).collect(Collectors.joining(" or from "))
                + " upwards holds data/obd and a pom.xml; pass --data with the Open Bandit folder that holds random/"
                + " and bts/.");
    }

    /** Where this class was loaded from (the jar, or the classes folder in a build); null when unknown. */
    private static Path codeLocation(CodeSource source) {
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }
}
