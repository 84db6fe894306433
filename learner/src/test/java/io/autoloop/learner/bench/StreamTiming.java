package io.autoloop.learner.bench;

import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ObdData;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.VwReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times whole passes over the Open Bandit file (read + parse + hash + predict + update + metrics, as Vowpal Wabbit
 * was timed) by wall clock and by this thread's CPU time, so a machine shared with other builds still yields a
 * usable examples-per-second figure; prints one line per pass and the medians.
 *
 * <p>Usage: {@code StreamTiming [passes]} (default 20; the first 5 are warm-up and left out of the medians).
 */
public final class StreamTiming {

    private static final int WARMUP = 5;

    private StreamTiming() {}

    public static void main(String[] args) throws IOException {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path file = ObdData.stream();
        FeatureSpec spec = FeatureSpec.withoutCrosses(22);
        FeatureHasher hasher = new FeatureHasher(spec);
        FtrlLearner learner = new FtrlLearner(spec, new FtrlParameters(0.1, 1.0, 0.0, 0.0));
        FeatureVector x = new FeatureVector();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wallRates = new double[passes - WARMUP];
        double[] cpuRates = new double[passes - WARMUP];
        for (int pass = 0; pass < passes; pass++) {
            ProgressiveValidation validation = new ProgressiveValidation();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            try (VwReader reader = VwReader.open(file, hasher)) {
                while (reader.next(x)) {
                    double label = reader.label();
                    validation.record(learner.learn(x, label, reader.weight()), label, reader.weight());
                }
            }
            double wallSeconds = (System.nanoTime() - wall) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            long examples = validation.samples();
            System.out.printf(
                    "pass %2d: %d examples, log loss %.6f, %,.0f ex/s wall, %,.0f ex/s thread CPU%n",
                    pass + 1, examples, validation.averageLogLoss(), examples / wallSeconds, examples / cpuSeconds);
            if (pass >= WARMUP) {
                wallRates[pass - WARMUP] = examples / wallSeconds;
                cpuRates[pass - WARMUP] = examples / cpuSeconds;
            }
        }
        System.out.printf(
                "median of passes %d-%d: %,.0f ex/s wall, %,.0f ex/s thread CPU%n",
                WARMUP + 1, passes, median(wallRates), median(cpuRates));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
