package io.autoloop.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.autoloop.simulator.run.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class SimulatorCommandTest {

    @Test
    void worldTakesTheDocumentedOptions() {
        Mode mode = parse(
                true,
                "world",
                "--rate",
                "20",
                "--duration",
                "10m",
                "--seed=7",
                "--router",
                "http://localhost:9080",
                "--key",
                "k",
                "--requests",
                "500",
                "--run-id",
                "r1");

        assertThat(mode).isInstanceOfSatisfying(Mode.World.class, world -> {
            assertThat(world.seed()).isEqualTo(7);
            assertThat(world.settings().rate()).isEqualTo(20.0);
            assertThat(world.settings().duration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(world.settings().maxRequests()).isEqualTo(500);
            assertThat(world.settings().progressEvery()).isEqualTo(Duration.ofSeconds(1));
            assertThat(world.targets().router()).isEqualTo(URI.create("http://localhost:9080"));
            assertThat(world.targets().collector()).isEqualTo(URI.create("http://127.0.0.1:8081"));
            assertThat(world.targets().apiKey()).isEqualTo("k");
            assertThat(world.targets().adminKey()).isEqualTo("autoloop-dev-admin-key");
            assertThat(world.runId()).isEqualTo("r1");
            assertThat(List.of(world.users(), world.items(), world.candidates(), world.limit()))
                    .containsExactly(5_000, 500, 50, 10);
        });
    }

    @Test
    void worldDefaultsToSeedFortyTwoAtTwentyRequestsPerSecondWithARandomRunId() {
        Mode mode = parse(false, "world");

        assertThat(mode).isInstanceOfSatisfying(Mode.World.class, world -> {
            assertThat(world.seed()).isEqualTo(42);
            assertThat(world.settings().rate()).isEqualTo(20.0);
            assertThat(world.settings().duration()).isNull();
            assertThat(world.settings().maxRequests()).isZero();
            assertThat(world.settings().threads()).isEqualTo(4);
            assertThat(world.settings().batchSize()).isEqualTo(100);
            assertThat(world.settings().linger()).isEqualTo(Duration.ofMillis(200));
            assertThat(world.settings().progressEvery()).isEqualTo(Duration.ofSeconds(10));
            assertThat(world.settings().model()).isEqualTo("ctr");
            assertThat(world.targets().router()).isEqualTo(URI.create("http://127.0.0.1:8080"));
            assertThat(world.targets().apiKey()).isEqualTo("autoloop-dev-key");
            assertThat(world.runId()).hasSize(36);
        });
    }

    @Test
    void replayDefaultsToTheRepositoryDataAtTwoHundredRowsPerSecond() {
        Mode mode = parse(false, "replay-obd", "--campaigns", "men", "--speed", "3600");

        assertThat(mode).isInstanceOfSatisfying(Mode.ReplayObd.class, replay -> {
            // Maven runs the tests in deploy/simulator: the repository root is two folders up
            assertThat(replay.data())
                    .isEqualTo(Path.of("../../data/obd").toAbsolutePath().normalize());
            assertThat(replay.settings().rate()).isEqualTo(200.0);
            assertThat(replay.settings().speed()).isEqualTo(3600.0);
            assertThat(replay.policies()).containsExactly("random", "bts");
            assertThat(replay.campaigns()).containsExactly("men");
            assertThat(replay.settings().duration()).isNull();
            assertThat(replay.settings().progressEvery()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void replayTakesTheDataFolderItIsGiven() {
        Mode mode = parse(false, "replay-obd", "--data", "/tmp/obd", "--policies", "bts,random");

        assertThat(mode).isInstanceOfSatisfying(Mode.ReplayObd.class, replay -> {
            assertThat(replay.data()).isEqualTo(Path.of("/tmp/obd"));
            assertThat(replay.policies()).containsExactly("bts", "random");
        });
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "10m,600000", "1h,3600000", "1.5,1500", "PT2M,120000"})
    void durationsReadAsPeopleWriteThem(String text, long millis) {
        assertThat(Conversions.duration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "world --speed 2|Unknown options: '--speed', '2'",
                "replay-obd --seed 1|Unknown options: '--seed', '1'",
                "world --rate|Missing required parameter for option '--rate'",
                "world --rate fast|Invalid value for option '--rate': 'fast' is not a number.",
                "world --duration soon|Invalid value for option '--duration': 'soon' is not a duration",
                "world --router http://10.1.2.3:8080|not on this machine",
                "world --rate 0|--rate must be a positive number",
                "world --candidates 1001|--candidates must be 1 to 1,000",
                "world --users 0|--users must be a positive whole number, but it is 0.",
                "world --progress 0s|--progress must be positive",
                "replay-obd --campaigns kids|--campaigns names 'kids'",
                "simulate|Unmatched argument at index 0: 'simulate'",
                "world rate 20|Unmatched arguments from index 1: 'rate', '20'",
                "world --seed 1 --seed 2|option '--seed' (N) should be specified only once"
            })
    void mistakesAreSentencesNamingTheOption(String line, String message) {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse(false, line.split(" ")))
                .withMessageContaining(message);
    }

    @Test
    void withoutAModeTheMistakeSaysWhichModesThereAre() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse(false))
                .withMessage("Name a mode: world or replay-obd.");
    }

    private static Mode parse(boolean interactive, String... args) {
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine commandLine = SimulatorCommand.commandLine(new Console(discard, discard, interactive));
        return SimulatorCommand.mode(commandLine.parseArgs(args), interactive);
    }
}
