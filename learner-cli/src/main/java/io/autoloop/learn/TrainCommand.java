package io.autoloop.learn;

import io.autoloop.learner.NonFiniteUpdateException;
import io.autoloop.learner.search.Configuration;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: one pass of one configuration over the file; prints its progressive log loss, AUC and speed. */
@Command(
        name = "train",
        description = "Train one configuration in one pass: every example is predicted, then learned.",
        sortOptions = false)
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigurationOptions configuration;

    @Mixin
    private StreamOptions stream;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    private boolean help;

    @Override
    public Integer call() throws IOException {
        Configuration chosen;
        try {
            stream.requireReadable();
            chosen = configuration.configuration();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("train " + stream.file + " with " + chosen);
        StreamRun.Summary summary;
        try (StreamOptions.PredictionWriter writer = stream.openPredictions()) {
            DoubleConsumer predictions = writer == null ? p -> {} : writer;
            summary = StreamRun.train(stream.file, chosen, stream.aucWindow, predictions);
        } catch (NonFiniteUpdateException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.println(Report.summary(summary));
        out.flush();
        return 0;
    }
}
