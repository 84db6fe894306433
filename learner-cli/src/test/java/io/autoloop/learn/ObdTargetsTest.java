package io.autoloop.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.LogLoss;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.VwReader;
import io.autoloop.testing.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command on the repository's Open Bandit stream (40,000 examples, 207 clicks): {@code train} gives exactly the
 * learner's own figure, and {@code search} with its defaults gives the figure pinned here (the search is deterministic
 * given its seed), a little below its start configuration trained alone. The target for the search, 0.03320,
 * is not reached: docs/benchmarks.md (section "learn") says why.
 */
class ObdTargetsTest {

    private static final Path OBD = Repository.file(Repository.OBD_STREAM);

    /** The progressive log loss the default search reaches on the stream (the target was 0.03320 or less). */
    private static final String SEARCH_LOG_LOSS = "0.0333900";

    @Test
    void trainAtAlphaPointOneBetaOneAndTwentyTwoBitsPrintsExactlyTheLearnersOwnFigure(@TempDir Path folder)
            throws IOException {
        // given the learner's own path, as ObdExactnessTest runs it
        double library = libraryLogLoss(new FtrlParameters(0.1, 1.0, 0.0, 0.0), 22);

        // when the command trains the same configuration, writing its predictions
        Path predictions = folder.resolve("p.txt");
        String out = run(
                "train", OBD.toString(), "--alpha", "0.1", "--beta", "1", "--bits", "22", "-p", predictions.toString());

        // then it prints the same log loss, VW's 0.033399 to six digits, and its predictions give it back
        assertThat(out).contains(String.format(Locale.ROOT, "40,000 examples: progressive log loss %.7f,", library));
        assertThat(String.format(Locale.ROOT, "%.6f", library)).isEqualTo("0.033399");
        assertThat(meanLogLoss(predictions)).isCloseTo(library, within(1e-8));
    }

    @Test
    void searchWithItsDefaultsPrintsThePinnedFigureBelowItsStartTrainedAlone(@TempDir Path folder) throws IOException {
        // given the start configuration (the learner's defaults) trained alone
        double alone = libraryLogLoss(FtrlParameters.defaults(), 22);

        // when the command searches from it with every default, writing the served predictions
        Path predictions = folder.resolve("p.txt");
        String out = run("search", OBD.toString(), "-p", predictions.toString());

        // then it prints the pinned figure, below the start's alone, and the predictions give it back
        assertThat(out).contains("40,000 examples: progressive log loss " + SEARCH_LOG_LOSS + ",");
        assertThat(Double.parseDouble(SEARCH_LOG_LOSS)).isLessThan(alone);
        assertThat(Files.readAllLines(predictions)).hasSize(40_000);
        assertThat(meanLogLoss(predictions)).isCloseTo(Double.parseDouble(SEARCH_LOG_LOSS), within(1e-7));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        return out.toString();
    }

    private static double libraryLogLoss(FtrlParameters parameters, int bits) throws IOException {
        FeatureSpec spec = FeatureSpec.withoutCrosses(bits);
        FtrlLearner learner = new FtrlLearner(spec, parameters);
        ProgressiveValidation validation = new ProgressiveValidation(40_000);
        FeatureVector x = new FeatureVector();
        try (VwReader reader = VwReader.open(OBD, new FeatureHasher(spec))) {
            while (reader.next(x)) {
                double label = reader.label();
                validation.record(learner.learn(x, label, reader.weight()), label, reader.weight());
            }
        }
        return validation.averageLogLoss();
    }

    /** The mean log loss of a predictions file against the stream's labels, line by line. */
    private static double meanLogLoss(Path predictions) throws IOException {
        List<String> lines = Files.readAllLines(predictions);
        List<String> examples = Files.readAllLines(OBD);
        double sum = 0.0;
        for (int i = 0; i < lines.size(); i++) {
            double label = VwReader.toExample(examples.get(i)).label();
            sum += LogLoss.of(Double.parseDouble(lines.get(i)), label);
        }
        return sum / lines.size();
    }
}
