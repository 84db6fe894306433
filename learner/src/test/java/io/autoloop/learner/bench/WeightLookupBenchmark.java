package io.autoloop.learner.bench;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Weight lookups per second for a snapshot's sparse weights: the open-addressing table {@link ModelSnapshot} uses,
 * against binary search in a sorted index array and a dense 2^22 array, for 10^4 to 10^6 stored weights and probes
 * of which half hit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WeightLookupBenchmark {

    private static final int BITS = 22;
    private static final int PROBES = 4_096;

    @Param({"10000", "100000", "1000000"})
    public int weights;

    private ModelSnapshot model;
    private int[] sortedIndices;
    private double[] sortedValues;
    private double[] dense;
    private final int[] probes = new int[PROBES];

    @Setup
    public void setUp() {
        Random random = new Random(7);
        FeatureSpec spec = FeatureSpec.withoutCrosses(BITS);
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        int[] stored = random.ints(0, 1 << BITS).distinct().limit(weights).toArray();
        FeatureVector x = new FeatureVector();
        for (int index : stored) {
            x.clear();
            x.add(index, 1.0);
            learner.learn(x, random.nextBoolean() ? 1.0 : 0.0);
        }
        model = learner.snapshot("ctr", "1.0.0", null, Map.of(), Instant.EPOCH);
        sortedIndices = stored.clone();
        Arrays.sort(sortedIndices);
        sortedValues = new double[weights];
        dense = new double[spec.dimension()];
        for (int i = 0; i < weights; i++) {
            sortedValues[i] = model.weight(sortedIndices[i]);
            dense[sortedIndices[i]] = sortedValues[i];
        }
        for (int i = 0; i < PROBES; i++) {
            probes[i] = i % 2 == 0 ? stored[random.nextInt(weights)] : random.nextInt(1 << BITS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PROBES)
    public double openAddressing() {
        double sum = 0;
        for (int probe : probes) {
            sum += model.weight(probe);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PROBES)
    public double binarySearch() {
        double sum = 0;
        for (int probe : probes) {
            int at = Arrays.binarySearch(sortedIndices, probe);
            sum += at >= 0 ? sortedValues[at] : 0.0;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PROBES)
    public double denseArray() {
        double sum = 0;
        for (int probe : probes) {
            sum += dense[probe];
        }
        return sum;
    }
}
