package io.autoloop.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as picocli reads it: the options of a run, and each mistake as a sentence with the usage. */
class OptionsTest {

    @Test
    void anOpenRunNeedsARateAndKeepsEverythingElse() {
        Options options = parse(
                "--mode",
                "open",
                "--url",
                "http://127.0.0.1:8081/v1/events",
                "--rate",
                "1000",
                "--header",
                "Authorization: Bearer k",
                "--body",
                "feedback-events:1",
                "--duration",
                "20s",
                "--warmup",
                "500ms",
                "--connections",
                "32");

        assertThat(options.rate()).isEqualTo(1000);
        assertThat(options.headers()).containsExactly("Authorization: Bearer k");
        assertThat(options.bodyKind()).isEqualTo("feedback-events");
        assertThat(options.bodyArgument()).isEqualTo("1");
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.connections()).isEqualTo(32);
        assertThat(options.maxRequests()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aClosedRunTakesTheDocumentedDefaults() {
        Options options = parse("--mode", "closed", "--url", "http://localhost:8081/v1/events");

        assertThat(options.contentType()).isEqualTo("application/json");
        assertThat(options.body()).isEqualTo("feedback-events:100");
        assertThat(options.connections()).isEqualTo(8);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.seed()).isEqualTo(1);
        assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(options.topic()).isEqualTo("feedback.events");
        assertThat(options.headers()).isEmpty();
        assertThat(options.producer()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            quoteCharacter = '"',
            value = {
                "--mode open --url http://127.0.0.1:1/;--mode open needs --rate",
                "--mode closed --url http://10.1.1.1:8081/;not a loopback address",
                "--mode kafka --bootstrap 10.1.1.1:9092;not a loopback address",
                "--mode closed --url http://127.0.0.1:1/ --duration 11m;at most 10 minutes",
                "--mode closed --threads 4;Unknown options: '--threads', '4'",
                "--mode fast;--mode must be open, closed or kafka.",
                "--mode closed;--mode closed needs --url.",
                "--mode closed --url https://127.0.0.1:1/;--url must be an http:// URL",
                "--mode closed --url http://127.0.0.1:1/ --connections 0;--connections must be 1 to 1024.",
                "--mode closed --url http://127.0.0.1:1/ --connections many;Invalid value for option '--connections'",
                "--mode closed --url http://127.0.0.1:1/ --duration soon;'soon' is not a duration such as 500ms",
                "--mode closed --url http://127.0.0.1:1/ --requests 0;--requests must be at least 1.",
                "--mode kafka --producer linger.ms;option '--producer' (key=value) should be in KEY=VALUE format but was linger.ms",
                "--mode closed --mode open;option '--mode' (MODE) should be specified only once",
                "--mode closed --url http://127.0.0.1:1/ --body nothing;No body kind is named 'nothing'",
                "--mode kafka --body file:x.json;has no Kafka records"
            })
    void aMistakeIsASentenceNamingTheOptionThenTheUsageAndExitCodeTwo(String line, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = LoadGen.commandLine(new LoadGen(stream(out)), stream(err)).execute(line.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains(message).contains("Usage: java -jar autoloop-loadgen.jar");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void theHelpListsTheOptionsAndTheBodyKinds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = LoadGen.commandLine(new LoadGen(stream(out)), stream(new ByteArrayOutputStream()))
                .execute("--help");

        assertThat(exit).isZero();
        assertThat(text(out))
                .startsWith("Usage: java -jar autoloop-loadgen.jar")
                .contains("--mode", "--url", "--rate", "--duration", "--producer")
                .contains("body kinds:", "feedback-events[:N]", "file:PATH");
    }

    @Test
    void producerSettingsOverrideTheCollectorDefaults() {
        Options options = parse("--mode", "kafka", "--producer", "linger.ms=20", "--producer", "compression.type=zstd");

        assertThat(Runs.producerSettings(options))
                .containsEntry("linger.ms", "20")
                .containsEntry("compression.type", "zstd")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true");
    }

    /** The checked options of {@code args}, as a run would get them. */
    static Options parse(String... args) {
        LoadGen command = new LoadGen(stream(new ByteArrayOutputStream()));
        LoadGen.commandLine(command, stream(new ByteArrayOutputStream())).parseArgs(args);
        return command.options();
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
