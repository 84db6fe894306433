package io.autoloop.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.simulator.run.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a user meets it: help, mistakes with the usage, and the exit codes. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--help|Usage: java -jar autoloop-simulator.jar|world,replay-obd,help",
                "help|Usage: java -jar autoloop-simulator.jar|world,replay-obd",
                "world --help|Usage: java -jar autoloop-simulator.jar world|--seed,--candidates,--rate,--duration,--run-id",
                "help replay-obd|Usage: java -jar autoloop-simulator.jar replay-obd|--data,--speed,--rate,--batch-size"
            })
    void helpIsGeneratedFromTheOptionsAndExitsZero(String line, String usage, String names) throws Exception {
        int exit = Main.run(line.split(" "), console(false));

        assertThat(exit).isZero();
        assertThat(text(out)).startsWith(usage).contains(names.split(","));
        assertThat(text(err)).isEmpty();
    }

    @Test
    void aMistakePrintsItsSentenceThenTheUsageOfItsModeAndExitsTwo() throws Exception {
        int exit = Main.run(new String[] {"world", "--rate", "fast"}, console(false));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err))
                .startsWith("Invalid value for option '--rate': 'fast' is not a number.")
                .contains("Usage: java -jar autoloop-simulator.jar world", "--seed");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void aDataFolderWithoutTheLogsIsAnInputMistakeShownWithTheReplayUsage(@TempDir Path empty) throws Exception {
        int exit = Main.run(new String[] {"replay-obd", "--data", empty.toString()}, console(false));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err))
                .contains("does not exist; --data must name the folder")
                .contains("Usage: java -jar autoloop-simulator.jar replay-obd");
    }

    @Test
    void offATerminalTheHelpHasNoColourEvenWhenPicocliIsAskedForIt() throws Exception {
        // given picocli told to colour whatever its output is (the switch a user's environment may set)
        String previous = System.setProperty("picocli.ansi", "true");
        try {
            // when the help is printed on a terminal, then off one
            Main.run(new String[] {"world", "--help"}, console(true));
            String onTerminal = text(out);
            out.reset();
            Main.run(new String[] {"world", "--help"}, console(false));

            // then only the terminal gets escape sequences
            assertThat(onTerminal).contains("\u001b[");
            assertThat(text(out)).contains("--seed").doesNotContain("\u001b");
        } finally {
            if (previous == null) {
                System.clearProperty("picocli.ansi");
            } else {
                System.setProperty("picocli.ansi", previous);
            }
        }
    }

    private Console console(boolean interactive) {
        return new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                interactive);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
