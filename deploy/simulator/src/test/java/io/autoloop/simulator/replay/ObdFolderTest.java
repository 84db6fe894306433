package io.autoloop.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObdFolderTest {

    /** The repository root: Maven runs the tests in deploy/simulator. */
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void fromTheWorkingDirectoryItIsTheRepositorysDataObd() {
        assertThat(ObdFolder.find()).isEqualTo(ROOT.resolve("data/obd"));
        assertThat(ObdFolder.find().resolve("random/men/men.csv")).isRegularFile();
    }

    @Test
    void fromOutsideTheRepositoryTheJarsOwnFolderStillLeadsToIt(@TempDir Path elsewhere) {
        // given a working directory outside any repository, and the jar in deploy/simulator/target
        Path jar = ROOT.resolve("deploy/simulator/target/autoloop-simulator.jar");

        // when the folder is looked for from the one, then the other
        Path found = ObdFolder.find(List.of(elsewhere, jar));

        // then the jar's repository has it
        assertThat(found).isEqualTo(ROOT.resolve("data/obd"));
    }

    @Test
    void aFolderWithDataButNoPomIsNotTheRepository(@TempDir Path elsewhere) throws Exception {
        Files.createDirectories(elsewhere.resolve("data/obd"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ObdFolder.find(List.of(elsewhere)))
                .withMessage("No folder from " + elsewhere + " upwards holds data/obd and a pom.xml; pass --data with"
                        + " the Open Bandit folder that holds random/ and bts/.");
    }
}
