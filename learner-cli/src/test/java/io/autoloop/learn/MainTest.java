package io.autoloop.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a user meets it: help, results, mistakes with the usage, and the exit codes. */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--help|Usage: java -jar autoloop-learn.jar|train,search,help",
                "train --help|Usage: java -jar autoloop-learn.jar train|--alpha,--bits,--cross,--predictions",
                "help search|Usage: java -jar autoloop-learn.jar search|--alpha-range,--challengers,--margin,--seed"
            })
    void helpIsGeneratedFromTheOptionsAndExitsZero(String line, String usage, String names) {
        int exit = run(line.split(" "));

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith(usage).contains(names.split(","));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSearchWithoutChallengersServesExactlyWhatTrainServes(@TempDir Path folder) throws IOException {
        // given a small file and the same configuration for both commands
        Path file = smallFile(folder);
        Path trained = folder.resolve("train.txt");
        Path searched = folder.resolve("search.txt");

        // when train runs it, and a search with no challengers
        assertThat(run(
                        "train",
                        file.toString(),
                        "--alpha",
                        "0.2",
                        "-q",
                        "u*i",
                        "--bits",
                        "18",
                        "-p",
                        trained.toString()))
                .isZero();
        assertThat(run(
                        "search",
                        file.toString(),
                        "--alpha",
                        "0.2",
                        "-q",
                        "u*i",
                        "--bits",
                        "18",
                        "-k",
                        "0",
                        "-p",
                        searched.toString()))
                .isZero();

        // then every prediction is the same, and both report 3,000 examples
        assertThat(Files.readAllLines(searched)).hasSize(3_000).isEqualTo(Files.readAllLines(trained));
        assertThat(out.toString())
                .contains("train " + file + " with bits=18;crosses=u*i;alpha=0.2;beta=1.0;l1=0.0;l2=0.0")
                .contains("champion at the end: #0 bits=18;crosses=u*i;alpha=0.2;beta=1.0;l1=0.0;l2=0.0")
                .contains("3,000 examples: progressive log loss ");
    }

    @Test
    void aSearchPrintsItsEventsAndTheLastChampion(@TempDir Path folder) throws IOException {
        int exit = run(
                "search",
                smallFile(folder).toString(),
                "--bits",
                "18",
                "--window",
                "500",
                "--min-examples",
                "200",
                "--lease",
                "1000");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("example 0: proposed #1 bits=18;", " around #0 (warm start)")
                .contains("retired #", "champion at the end: #");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "train|--alpha|fast|Invalid value for option '--alpha': 'fast' is not a double",
                "search|--alpha-range|1..0.1|A log-scale range needs 0 < low <= high, both finite, got low 1.0 and high"
                        + " 0.1.",
                "search|--alpha|5|The start configuration has alpha 5.0, outside the searched range 0.01..1.0.",
                "train|--cross|u|'u' is not a cross; write it as two namespaces joined by '*', e.g. user*item."
            })
    void aMistakePrintsItsSentenceThenTheUsageAndExitsTwo(String command, String option, String value, String message)
            throws IOException {
        Path file = smallFile(Files.createTempDirectory("learn"));

        int exit = run(command, file.toString(), option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("Usage: java -jar autoloop-learn.jar " + command);
    }

    @Test
    void aMissingFileOrAMalformedLineIsAnInputMistake(@TempDir Path folder) throws IOException {
        assertThat(run("train", folder.resolve("none.vw").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("FILE " + folder.resolve("none.vw") + " is not a readable file.");

        Path broken = folder.resolve("broken.vw");
        Files.write(broken, List.of("1 |u a", "0 |u b", "yes |u c"));
        assertThat(run("search", broken.toString(), "--bits", "18")).isEqualTo(2);
        assertThat(err.toString()).contains("Line 3 of the VW input: The label 'yes' is not a number.");
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** 3,000 lines of clicks that depend on u × i: {@code 1 |u f=u3 |i f=i7 |c h=h2}. */
    private static Path smallFile(Path folder) throws IOException {
        Random random = new Random(1);
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 3_000; n++) {
            int u = random.nextInt(5);
            int i = random.nextInt(5);
            boolean click = random.nextDouble() < ((u + i) % 3 == 0 ? 0.4 : 0.05);
            lines.add((click ? "1" : "-1") + " |u f=u" + u + " |i f=i" + i + " |c h=h" + random.nextInt(24));
        }
        Path file = folder.resolve("small.vw");
        Files.write(file, lines);
        return file;
    }
}
