package io.autoloop.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.simulator.http.ExperimentStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the simulator writes to standard output, on a terminal and off one (a log file, a pipe). */
class ConsoleTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void offATerminalEveryProgressLineIsAPlainLineOfItsOwn() {
        // given a console writing to a log, and two progress lines of a run
        Console console = console(false);
        String first = ProgressLine.line(new Tally().snapshot(), null, Duration.ofSeconds(1));
        String second = ProgressLine.line(new Tally().snapshot(), status(), Duration.ofSeconds(62));

        // when the run prints its start, two progress lines and its summary
        console.info("Simulating world seed 42");
        console.progress(first);
        console.progress(second);
        console.lines(List.of("world seed 42, ran 0:01:02", "  CTR by arm      –"));

        // then each is one line, in order, with no carriage return and no escape sequence
        assertThat(text(out))
                .isEqualTo(String.join(
                        "\n",
                        "Simulating world seed 42",
                        "[0:00:01] rank 0 ok | events 0 sent: 0 accepted | CTR – | experiment –",
                        "[0:01:02] rank 0 ok | events 0 sent: 0 accepted | CTR – | experiment ctr-1 PROGRESSING",
                        "world seed 42, ran 0:01:02",
                        "  CTR by arm      –",
                        ""))
                .doesNotContain("\r", "\u001b");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void onATerminalTheProgressLineIsRewrittenInPlaceAndEndedBeforeOtherOutput() {
        // given a console on a terminal
        Console console = console(true);

        // when a long progress line is replaced by a shorter one, then a message follows
        console.progress("[0:00:01] rank 10 ok");
        console.progress("[0:00:02] rank 9");
        console.info("done");

        // then the second overwrites the first (padded over its rest), and the message starts on a new line
        assertThat(text(out)).isEqualTo("\r[0:00:01] rank 10 ok" + "\r[0:00:02] rank 9" + "    " + "\n" + "done\n");
    }

    private static ExperimentStatus status() {
        return new ExperimentStatus("ctr-1", "PROGRESSING", null, null, null);
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
