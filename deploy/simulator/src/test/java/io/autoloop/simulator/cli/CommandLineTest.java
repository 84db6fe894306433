package io.autoloop.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void worldTakesTheDocumentedOptions() {
        Command command = CommandLine.parse(
                new String[] {
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
                    "r1"
                },
                true);

        assertThat(command).isInstanceOfSatisfying(Command.World.class, world -> {
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
    void replayDefaultsToTheSharedDataAtTwoHundredRowsPerSecond() {
        Command command =
                CommandLine.parse(new String[] {"replay-obd", "--campaigns", "men", "--speed", "3600"}, false);

        assertThat(command).isInstanceOfSatisfying(Command.ReplayObd.class, replay -> {
            assertThat(replay.data()).isEqualTo(Path.of("../shared/data/obd"));
            assertThat(replay.settings().rate()).isEqualTo(200.0);
            assertThat(replay.settings().speed()).isEqualTo(3600.0);
            assertThat(replay.policies()).containsExactly("random", "bts");
            assertThat(replay.campaigns()).containsExactly("men");
            assertThat(replay.settings().duration()).isNull();
            assertThat(replay.settings().progressEvery()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "10m,600000", "1h,3600000", "1.5,1500", "PT2M,120000"})
    void durationsReadAsPeopleWriteThem(String text, long millis) {
        assertThat(CommandLine.duration("duration", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "world --speed 2|--speed is unknown for world",
                "replay-obd --seed 1|--seed is unknown for replay-obd",
                "world --rate|--rate needs a value",
                "world --rate fast|--rate 'fast' is not a number",
                "world --duration soon|--duration 'soon' is not a duration",
                "world --router http://10.1.2.3:8080|not on this machine",
                "world --rate 0|--rate must be a positive number",
                "world --candidates 1001|--candidates must be 1 to 1,000",
                "replay-obd --campaigns kids|--campaigns names 'kids'",
                "simulate|The mode 'simulate' is unknown",
                "world rate 20|'rate' is not an option",
                "world --seed 1 --seed 2|--seed is given twice"
            })
    void mistakesAreSentencesNamingTheOption(String line, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLine.parse(line.split(" "), false))
                .withMessageContaining(message);
    }

    @Test
    void helpIsAskedForExplicitly() {
        assertThat(CommandLine.parse(new String[] {"--help"}, false)).isInstanceOf(Command.Help.class);
        assertThat(CommandLine.parse(new String[] {"world", "--help"}, false)).isInstanceOf(Command.Help.class);
        assertThat(CommandLine.USAGE).contains("world", "replay-obd", "--rate", "--duration", "--speed");
    }
}
