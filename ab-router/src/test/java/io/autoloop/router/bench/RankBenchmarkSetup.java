package io.autoloop.router.bench;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.router.testing.TestModels;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Prepares the {@code POST /v1/rank} benchmark of docs/benchmarks.md: trains a champion with the learner's default
 * spec (22 bits, user × item cross) on 20,000 random samples shaped like the benchmark's requests, publishes it to
 * the Redis registry under the model name given, sets it as champion, and writes the request body: one user with 5
 * user and 5 context features, 100 candidates of 30 features each (20 numeric in [0, 1], 10 categorical), limit 10.
 *
 * <p>Arguments: {@code <redis-url> <model-name> <body-file>}. Run through {@code exec:java} with the test classpath;
 * see the module README.
 */
public final class RankBenchmarkSetup {

    static final int CANDIDATES = 100;
    static final int NUMERIC = 20;
    static final int CATEGORICAL = 10;

    private RankBenchmarkSetup() {}

    public static void main(String[] args) throws Exception {
        String redisUrl = args[0];
        String model = args[1];
        Path body = Path.of(args[2]);
        SplittableRandom random = new SplittableRandom(42);

        FeatureSpec spec = FeatureSpec.defaults();
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector vector = new FeatureVector();
        for (int i = 0; i < 20_000; i++) {
            Map<String, Map<String, Object>> features = Map.of(
                    "user", user(random.nextInt(1_000)),
                    "context", context(random),
                    "item", item(random.nextInt(5_000), random));
            hasher.hash(features, vector);
            learner.learn(vector, random.nextDouble() < 0.05 ? 1.0 : 0.0);
        }
        String version = "1.0.0-bench";
        ModelSnapshot snapshot = learner.snapshot(model, version, null, Map.of(), Instant.now());
        byte[] bytes = ModelCodec.write(snapshot);
        var metadata = TestModels.metadata(model, version, Instant.now(), DigestUtils.sha256Hex(bytes));

        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx, redisUrl);
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.model(model, version))
                            .arg(bytes));
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.modelMeta(model, version))
                            .arg(new String(ContractJson.write(metadata), StandardCharsets.UTF_8)));
            send(
                    redis,
                    Request.cmd(Command.ZADD)
                            .arg(RedisKeys.modelVersions(model))
                            .arg(metadata.createdAt().toEpochMilli())
                            .arg(version));
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.alias(model, Arm.CHAMPION))
                            .arg(version));
        } finally {
            vertx.close();
        }

        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int c = 0; c < CANDIDATES; c++) {
            candidates.add(Map.of("itemId", "item-" + c, "features", item(c, random)));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("userId", "bench-user-7");
        request.put("user", user(7));
        request.put("context", context(random));
        request.put("candidates", candidates);
        request.put("limit", 10);
        Files.write(body, ContractJson.write(request));
        System.out.printf(
                "Published %s %s (%d weights, %d bytes) and wrote %s (%d bytes).%n",
                model, version, snapshot.nonZeroWeights(), bytes.length, body, Files.size(body));
    }

    private static Map<String, Object> user(int id) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("country", "c" + (id % 20));
        user.put("segment", "s" + (id % 7));
        user.put("ageBand", "a" + (id % 6));
        user.put("tenure", (id % 900) / 900.0);
        user.put("premium", id % 3 == 0);
        return user;
    }

    private static Map<String, Object> context(SplittableRandom random) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("device", random.nextBoolean() ? "mobile" : "desktop");
        context.put("hour", "h" + random.nextInt(24));
        context.put("weekday", "d" + random.nextInt(7));
        context.put("page", "home");
        context.put("locale", "fr-FR");
        return context;
    }

    private static Map<String, Object> item(int id, SplittableRandom random) {
        Map<String, Object> item = new LinkedHashMap<>();
        for (int f = 0; f < NUMERIC; f++) {
            item.put("n" + f, Math.round(random.nextDouble() * 1000.0) / 1000.0);
        }
        for (int f = 0; f < CATEGORICAL; f++) {
            item.put("k" + f, "v" + ((id + f) % 13));
        }
        return item;
    }

    private static void send(Redis redis, Request request) throws Exception {
        redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
