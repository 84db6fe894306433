package io.autoloop.learner.bench;

import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.LabelledExample;
import io.autoloop.learner.ObdData;
import io.autoloop.learner.ProgressiveValidation;
import io.autoloop.learner.VwReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-threaded training throughput on the 40,000-example Open Bandit stream, in examples per second: each
 * benchmark runs one pass and reports 40,000 operations, from the file (parse + hash + predict + update + metrics,
 * as Vowpal Wabbit was timed), from lines already in memory, from namespaced maps, and from hashed vectors.
 *
 * <p>The learner keeps training across passes (b = 22, α = 0.1, β = 1), as a long-running trainer would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LearnerThroughputBenchmark {

    private static final int EXAMPLES = 40_000;

    private Path file;
    private List<String> lines;
    private LabelledExample[] examples;
    private FeatureVector[] vectors;
    private double[] labels;
    private FeatureHasher hasher;
    private FtrlLearner learner;
    private ProgressiveValidation validation;
    private VwReader lineParser;
    private final FeatureVector x = new FeatureVector();

    @Setup
    public void setUp() throws IOException {
        file = ObdData.stream();
        lines = Files.readAllLines(file);
        if (lines.size() != EXAMPLES) {
            throw new IllegalStateException("Expected " + EXAMPLES + " lines in " + file + ", got " + lines.size());
        }
        FeatureSpec spec = FeatureSpec.withoutCrosses(22);
        hasher = new FeatureHasher(spec);
        learner = new FtrlLearner(spec, new FtrlParameters(0.1, 1.0, 0.0, 0.0));
        validation = new ProgressiveValidation();
        lineParser = new VwReader(new StringReader(""), hasher);
        examples = new LabelledExample[EXAMPLES];
        vectors = new FeatureVector[EXAMPLES];
        labels = new double[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            examples[i] = VwReader.toExample(lines.get(i));
            vectors[i] = new FeatureVector();
            hasher.hash(examples[i].features(), vectors[i]);
            labels[i] = examples[i].label();
        }
    }

    /** Read the file, parse, hash, predict, update, record metrics: the end-to-end path VW was timed on. */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public long fromFile() throws IOException {
        try (VwReader reader = VwReader.open(file, hasher)) {
            while (reader.next(x)) {
                double label = reader.label();
                validation.record(learner.learn(x, label, reader.weight()), label, reader.weight());
            }
        }
        return validation.samples();
    }

    /** Parse lines already in memory, hash, predict, update, record metrics. */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public long fromLines() {
        for (int i = 0; i < EXAMPLES; i++) {
            lineParser.parse(lines.get(i), x);
            double label = lineParser.label();
            validation.record(learner.learn(x, label, 1.0), label, 1.0);
        }
        return validation.samples();
    }

    /** Pre-parsed namespaced maps (the retrainer's input): hash, predict, update, record metrics. */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public long fromMaps() {
        for (int i = 0; i < EXAMPLES; i++) {
            hasher.hash(examples[i].features(), x);
            double label = labels[i];
            validation.record(learner.learn(x, label, 1.0), label, 1.0);
        }
        return validation.samples();
    }

    /** Pre-hashed vectors: predict, update, record metrics. */
    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public long fromVectors() {
        for (int i = 0; i < EXAMPLES; i++) {
            double label = labels[i];
            validation.record(learner.learn(vectors[i], label, 1.0), label, 1.0);
        }
        return validation.samples();
    }
}
