package io.autoloop.learn;

import io.autoloop.learner.NonFiniteUpdateException;
import io.autoloop.learner.search.Configuration;
import io.autoloop.learner.search.LogRange;
import io.autoloop.learner.search.OnlineSearch;
import io.autoloop.learner.search.SearchSettings;
import io.autoloop.learner.search.SearchSpace;
import io.autoloop.learner.search.SearchSpace.Parameter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code search}: one pass of an {@link OnlineSearch} over the file, starting from the configuration the options name;
 * every prediction is the champion's of that moment, made before any configuration learned the example. Prints each
 * event, then the progressive log loss, AUC and speed of the served predictions and the last champion.
 */
@Command(
        name = "search",
        description = "Search configurations online in one pass: a champion and challengers proposed around it learn"
                + " side by side; a challenger confidently better on the same recent examples becomes the champion.",
        sortOptions = false)
final class SearchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigurationOptions start;

    @Mixin
    private StreamOptions stream;

    @Option(
            names = "--alpha-range",
            paramLabel = "LOW..HIGH",
            description = "α is searched on a log scale in this range; one value keeps it (default: ${DEFAULT-VALUE})")
    private LogRange alphaRange = SearchSpace.DEFAULT_ALPHA;

    @Option(
            names = "--beta-range",
            paramLabel = "LOW..HIGH",
            description = "β is searched in this range (default: β is kept)")
    private LogRange betaRange;

    @Option(
            names = "--l1-range",
            paramLabel = "LOW..HIGH",
            description = "λ1 is searched in this range, or 0 (default: ${DEFAULT-VALUE})")
    private LogRange l1Range = SearchSpace.DEFAULT_L1;

    @Option(
            names = "--l2-range",
            paramLabel = "LOW..HIGH",
            description = "λ2 is searched in this range, or 0 (default: ${DEFAULT-VALUE})")
    private LogRange l2Range = SearchSpace.DEFAULT_L2;

    @Option(
            names = "--bits-range",
            paramLabel = "LOW..HIGH",
            description = "hash bits are searched in this range (default: the --bits are kept)")
    private String bitsRange;

    @Option(
            names = "--namespaces",
            split = ",",
            paramLabel = "NS",
            description = "crosses of two of these namespaces may be added or removed (default: the namespaces of the"
                    + " first example)")
    private List<String> namespaces;

    @Option(
            names = {"-k", "--challengers"},
            defaultValue = "" + SearchSettings.DEFAULT_CHALLENGERS,
            description = "live challengers beside the champion (default: ${DEFAULT-VALUE})")
    private int challengers;

    @Option(
            names = "--window",
            defaultValue = "" + SearchSettings.DEFAULT_WINDOW,
            description = "a comparison covers the last N examples (default: ${DEFAULT-VALUE})")
    private int window;

    @Option(
            names = "--min-examples",
            defaultValue = "" + SearchSettings.DEFAULT_MIN_EXAMPLES,
            description = "paired examples before a challenger can graduate or be retired as worse (default:"
                    + " ${DEFAULT-VALUE})")
    private int minExamples;

    @Option(
            names = "--lease",
            defaultValue = "" + SearchSettings.DEFAULT_LEASE,
            description = "examples a challenger may run without graduating (default: ${DEFAULT-VALUE})")
    private long lease;

    @Option(
            names = "--standard-errors",
            defaultValue = "" + SearchSettings.DEFAULT_STANDARD_ERRORS,
            description = "the confidence bounds are the mean paired difference ± Z standard errors (default:"
                    + " ${DEFAULT-VALUE})")
    private double standardErrors;

    @Option(
            names = "--margin",
            defaultValue = "" + SearchSettings.DEFAULT_MARGIN,
            description = "a challenger graduates when its upper bound is below minus this share of the champion's"
                    + " loss (default: ${DEFAULT-VALUE})")
    private double margin;

    @Option(
            names = "--step",
            defaultValue = "" + SearchSettings.DEFAULT_STEP,
            description = "how far a proposal moves the hyper-parameters, as a share of their log ranges (default:"
                    + " ${DEFAULT-VALUE})")
    private double step;

    @Option(
            names = "--shadow-budget",
            defaultValue = "" + SearchSettings.DEFAULT_SHADOW_BUDGET,
            description = "challengers that learn each example on average; with more challengers each learns a"
                    + " sampled share (default: ${DEFAULT-VALUE})")
    private double shadowBudget;

    @Option(
            names = "--seed",
            defaultValue = "" + SearchSettings.DEFAULT_SEED,
            description = "the seed of the proposals: the same seed and file give the same run (default:"
                    + " ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help")
    private boolean help;

    @Override
    public Integer call() throws IOException {
        OnlineSearch search;
        try {
            stream.requireReadable();
            Configuration first = start.configuration();
            search = new OnlineSearch(first, space(first.spec().bits()), settings());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("search " + stream.file + " from " + search.champion().configuration());
        out.println("  space: " + describe(search.space()) + "; " + search.settings());
        Report.EventLines events = new Report.EventLines(out);
        StreamRun.Summary summary;
        try (StreamOptions.PredictionWriter writer = stream.openPredictions()) {
            DoubleConsumer predictions = writer == null ? p -> {} : writer;
            summary = StreamRun.search(stream.file, search, stream.aucWindow, predictions, events);
        } catch (NonFiniteUpdateException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        out.println(Report.summary(summary));
        out.println("champion at the end: #" + search.champion().id() + " " + summary.champion() + " (" + events.tally()
                + ")");
        out.flush();
        return 0;
    }

    private SearchSpace space(int bits) throws IOException {
        Map<Parameter, LogRange> ranges = new EnumMap<>(Parameter.class);
        ranges.put(Parameter.ALPHA, alphaRange);
        if (betaRange != null) {
            ranges.put(Parameter.BETA, betaRange);
        }
        ranges.put(Parameter.L1, l1Range);
        ranges.put(Parameter.L2, l2Range);
        int minBits = bits;
        int maxBits = bits;
        if (bitsRange != null) {
            String[] ends = bitsRange.split("\\.\\.", -1);
            try {
                minBits = Integer.parseInt(ends[0].trim());
                maxBits = Integer.parseInt(ends[ends.length - 1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bits-range '" + bitsRange
                        + "' is not a range; write two integers joined by '..', e.g." + " 18..24.");
            }
        }
        return new SearchSpace(
                ranges, minBits, maxBits, namespaces != null ? namespaces : StreamRun.namespacesOf(stream.file));
    }

    private SearchSettings settings() {
        return new SearchSettings(
                challengers, window, minExamples, lease, standardErrors, margin, step, shadowBudget, seed);
    }

    private static String describe(SearchSpace space) {
        StringBuilder text = new StringBuilder();
        space.ranges()
                .forEach((parameter, range) -> text.append(parameter)
                        .append(' ')
                        .append(range)
                        .append(parameter.canBeOff() ? " or 0" : "")
                        .append(", "));
        return text.append("bits ")
                .append(
                        space.minBits() == space.maxBits()
                                ? "" + space.minBits()
                                : space.minBits() + ".." + space.maxBits())
                .append(", crosses of ")
                .append(space.namespaces())
                .toString();
    }
}
