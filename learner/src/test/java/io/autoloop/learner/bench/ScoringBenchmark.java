package io.autoloop.learner.bench;

import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.learner.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Ranking throughput of a model snapshot, in candidates per second: a request of 100 candidates, each scored on 30
 * features (10 user and 5 context features shared by the request, 15 item features of its own), from namespaced maps
 * (hash + score, the router's path) and from pre-hashed vectors (score only), with and without the user × item
 * cross (which adds 10 × 15 = 150 crossed features per candidate). Maps are {@link LinkedHashMap}s, as Jackson
 * produces them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScoringBenchmark {

    private static final int CANDIDATES = 100;

    @Param({"none", "user*item"})
    public String crosses;

    private Map<String, Map<String, Object>> shared;
    private List<Map<String, Map<String, Object>>> candidates;
    private FeatureVector[] vectors;
    private final double[] scores = new double[CANDIDATES];
    private ModelSnapshot model;
    private Scorer scorer;

    @Setup
    public void setUp() {
        FeatureSpec spec = crosses.equals("none")
                ? FeatureSpec.withoutCrosses(22)
                : new FeatureSpec(22, 0, List.of(new Cross("user", "item")));
        Random random = new Random(42);
        model = train(spec, random);
        scorer = model.newScorer();
        shared = new LinkedHashMap<>();
        shared.put("user", user(random));
        shared.put("context", context(random));
        candidates = new ArrayList<>();
        vectors = new FeatureVector[CANDIDATES];
        FeatureHasher hasher = new FeatureHasher(spec);
        for (int i = 0; i < CANDIDATES; i++) {
            Map<String, Map<String, Object>> candidate = new LinkedHashMap<>();
            candidate.put("item", item(random));
            candidates.add(candidate);
            vectors[i] = new FeatureVector();
            hasher.begin(vectors[i]);
            hasher.addAll(shared);
            hasher.addAll(candidate);
            hasher.end();
        }
    }

    /** Hash and score 100 candidates from maps, as the router does per request. */
    @Benchmark
    @OperationsPerInvocation(CANDIDATES)
    public double[] rankFromMaps() {
        scorer.predict(shared, candidates, scores);
        return scores;
    }

    /** Score 100 pre-hashed candidates. */
    @Benchmark
    @OperationsPerInvocation(CANDIDATES)
    public double[] rankFromVectors() {
        model.predict(vectors, CANDIDATES, scores);
        return scores;
    }

    /** A model trained on 50,000 random requests, so that most of the benchmark's features have weights. */
    private static ModelSnapshot train(FeatureSpec spec, Random random) {
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector x = new FeatureVector();
        for (int i = 0; i < 50_000; i++) {
            Map<String, Map<String, Object>> features = new LinkedHashMap<>();
            features.put("user", user(random));
            features.put("context", context(random));
            features.put("item", item(random));
            hasher.hash(features, x);
            learner.learn(x, random.nextDouble() < 0.05 ? 1.0 : 0.0);
        }
        return learner.snapshot("ctr", "1.0.0", null, Map.of(), Instant.EPOCH);
    }

    private static Map<String, Object> user(Random random) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "u" + random.nextInt(5_000));
        for (int f = 0; f < 8; f++) {
            user.put("f" + f, "v" + random.nextInt(20));
        }
        user.put("age", 18.0 + random.nextInt(50));
        return user;
    }

    private static Map<String, Object> context(Random random) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("hour", "h" + random.nextInt(24));
        context.put("device", random.nextBoolean() ? "ios" : "android");
        context.put("country", "c" + random.nextInt(30));
        context.put("position", 1.0);
        context.put("recency", random.nextDouble());
        return context;
    }

    private static Map<String, Object> item(Random random) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "i" + random.nextInt(2_000));
        for (int f = 0; f < 10; f++) {
            item.put("f" + f, "v" + random.nextInt(30));
        }
        for (int f = 0; f < 4; f++) {
            item.put("x" + f, random.nextDouble());
        }
        return item;
    }
}
