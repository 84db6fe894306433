package io.autoloop.learn;

import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.VwReader;
import io.autoloop.learner.search.Configuration;
import io.autoloop.learner.search.OnlineSearch;
import io.autoloop.learner.search.SearchEvent;
import io.autoloop.learner.search.SearchTrainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * One pass over a Vowpal Wabbit text file with progressive validation: consumes the file and either one configuration
 * ({@link #train}) or a search ({@link #search}), and produces a {@link Summary}; every prediction, made before its
 * example was learned, goes to a consumer in file order, and a search's events to a listener.
 */
public final class StreamRun {

    private StreamRun() {}

    /**
     * Trains one learner of {@code configuration} on the file, exactly as the learner's own tests do: a
     * {@link VwReader} hashes each line, {@link FtrlLearner#learn} predicts then learns it.
     */
    public static Summary train(Path file, Configuration configuration, int aucWindow, DoubleConsumer predictions)
            throws IOException {
        long start = System.nanoTime();
        FtrlLearner learner = new FtrlLearner(configuration.spec(), configuration.parameters());
        ProgressiveValidation validation = new ProgressiveValidation(aucWindow);
        FeatureVector x = new FeatureVector();
        try (VwReader reader = VwReader.open(file, new FeatureHasher(configuration.spec()))) {
            while (reader.next(x)) {
                double label = reader.label();
                double p = learner.learn(x, label, reader.weight());
                validation.record(p, label, reader.weight());
                predictions.accept(p);
            }
        }
        return new Summary(validation, (System.nanoTime() - start) / 1e9, configuration);
    }

    /**
     * Runs {@code search} on the file: each prediction is the one of the configuration the search serves at that
     * moment (its champion), made before any configuration learned the example.
     */
    public static Summary search(
            Path file, OnlineSearch search, int aucWindow, DoubleConsumer predictions, Consumer<SearchEvent> events)
            throws IOException {
        long start = System.nanoTime();
        SearchTrainer trainer = new SearchTrainer(search, events);
        ProgressiveValidation validation = new ProgressiveValidation(aucWindow);
        LineEncodings encodings =
                new LineEncodings(search.champion().configuration().spec());
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (encodings.next(line)) {
                    double label = encodings.label();
                    double weight = encodings.weight();
                    double p = trainer.learn(encodings, label, weight);
                    validation.record(p, label, weight);
                    predictions.accept(p);
                }
            }
        }
        return new Summary(
                validation, (System.nanoTime() - start) / 1e9, search.champion().configuration());
    }

    /**
     * The named namespaces of the file's first example, in its order: what a search may cross by default (the default
     * namespace, which has no name, cannot be crossed).
     */
    public static List<String> namespacesOf(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    List<String> names =
                            new ArrayList<>(VwReader.toExample(line).features().keySet());
                    names.remove("");
                    return names;
                }
            }
        }
        return List.of();
    }

    /**
     * What a pass measured.
     *
     * @param examples the examples read
     * @param logLoss the progressive log loss, weighted, in nats
     * @param auc the progressive AUC over the validation's window
     * @param seconds the wall-clock time of the pass, reading the file included
     * @param champion the configuration that served the last prediction
     */
    public record Summary(long examples, double logLoss, double auc, double seconds, Configuration champion) {

        Summary(ProgressiveValidation validation, double seconds, Configuration champion) {
            this(validation.samples(), validation.averageLogLoss(), validation.auc(), seconds, champion);
        }

        public double examplesPerSecond() {
            return examples / seconds;
        }
    }
}
