package io.autoloop.learn.bench;

import io.autoloop.learn.StreamRun;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.Configuration;
import io.autoloop.learner.search.OnlineSearch;
import io.autoloop.learner.search.SearchSettings;
import io.autoloop.learner.search.SearchSpace;
import io.autoloop.testing.Repository;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@code train} against {@code search} (the default search, K = 4) on the Open Bandit file, in the same JVM,
 * passes alternating, each pass as the command runs it (fresh learners, the file read and parsed, predictions made
 * and validated, none written), by wall clock and by this thread's CPU time; prints one line per pass, the medians
 * and the ratio search / train.
 *
 * <p>Usage: {@code SearchThroughput [passes of each] [challengers]} (defaults 20 and 4; the first 5 of each are
 * warm-up, left out of the medians).
 */
public final class SearchThroughput {

    private static final int WARMUP = 5;

    private SearchThroughput() {}

    public static void main(String[] args) throws IOException {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int challengers = args.length > 1 ? Integer.parseInt(args[1]) : SearchSettings.DEFAULT_CHALLENGERS;
        Path file = Repository.file(Repository.OBD_STREAM);
        Configuration start = new Configuration(FeatureSpec.withoutCrosses(22), new FtrlParameters(0.1, 1.0, 0, 0));
        List<String> namespaces = StreamRun.namespacesOf(file);
        SearchSettings defaults = SearchSettings.defaults();
        SearchSettings settings = new SearchSettings(
                challengers,
                defaults.window(),
                defaults.minExamples(),
                defaults.lease(),
                defaults.standardErrors(),
                defaults.margin(),
                defaults.step(),
                defaults.shadowBudget(),
                defaults.seed());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] wall = new double[2][passes - WARMUP];
        double[][] cpu = new double[2][passes - WARMUP];
        for (int pass = 0; pass < passes; pass++) {
            for (int kind = 0; kind < 2; kind++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                StreamRun.Summary summary = kind == 0
                        ? StreamRun.train(file, start, 1_000_000, p -> {})
                        : StreamRun.search(
                                file,
                                new OnlineSearch(start, SearchSpace.defaults(22, namespaces), settings),
                                1_000_000,
                                p -> {},
                                event -> {});
                double wallRate = summary.examples() / ((System.nanoTime() - wallStart) / 1e9);
                double cpuRate = summary.examples() / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
                System.out.printf(
                        "pass %2d %-6s: %d examples, log loss %.6f, %,.0f ex/s wall, %,.0f ex/s thread CPU%n",
                        pass + 1,
                        kind == 0 ? "train" : "search",
                        summary.examples(),
                        summary.logLoss(),
                        wallRate,
                        cpuRate);
                if (pass >= WARMUP) {
                    wall[kind][pass - WARMUP] = wallRate;
                    cpu[kind][pass - WARMUP] = cpuRate;
                }
            }
        }
        System.out.printf(
                "median of passes %d-%d: train %,.0f ex/s wall, %,.0f ex/s CPU; search (K = %d) %,.0f ex/s wall,"
                        + " %,.0f ex/s CPU; search / train: %.1f %% wall, %.1f %% CPU%n",
                WARMUP + 1,
                passes,
                median(wall[0]),
                median(cpu[0]),
                challengers,
                median(wall[1]),
                median(cpu[1]),
                100 * median(wall[1]) / median(wall[0]),
                100 * median(cpu[1]) / median(cpu[0]));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
