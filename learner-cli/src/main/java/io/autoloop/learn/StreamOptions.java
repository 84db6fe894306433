package io.autoloop.learn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input file and what to write besides the summary, shared by {@code train} and {@code search}. */
final class StreamOptions {

    /** The default AUC window: every prediction of a file of up to a million examples. */
    static final int DEFAULT_AUC_WINDOW = 1_000_000;

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "examples in Vowpal Wabbit text format: label [weight] ['tag] |namespace feature ...")
    Path file;

    @Option(
            names = {"-p", "--predictions"},
            paramLabel = "FILE",
            description = "write every prediction, made before its example was learned, one per line")
    Path predictions;

    @Option(
            names = "--auc-window",
            defaultValue = "" + DEFAULT_AUC_WINDOW,
            description = "the AUC covers the last N predictions (default: ${DEFAULT-VALUE})")
    int aucWindow;

    /**
     * Checks the input file.
     *
     * @throws IllegalArgumentException when it is not a readable file
     */
    void requireReadable() {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("FILE " + file + " is not a readable file.");
        }
    }

    /** A writer of one prediction per line (nine significant digits), or null without {@code --predictions}. */
    PredictionWriter openPredictions() throws IOException {
        return predictions == null
                ? null
                : new PredictionWriter(Files.newBufferedWriter(predictions, StandardCharsets.UTF_8));
    }

    /** Writes predictions to a file, one per line. */
    static final class PredictionWriter implements DoubleConsumer, AutoCloseable {

        private final BufferedWriter out;

        private PredictionWriter(BufferedWriter out) {
            this.out = out;
        }

        @Override
        public void accept(double p) {
            try {
                out.write(String.format(Locale.ROOT, "%.9g", p));
                out.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
