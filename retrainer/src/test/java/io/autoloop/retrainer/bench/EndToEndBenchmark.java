package io.autoloop.retrainer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.PackagedRetrainer;
import io.autoloop.retrainer.SampleWriter;
import io.autoloop.retrainer.TestRedis;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.testing.ServiceProcess;
import io.autoloop.testing.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The retrainer end to end from Kafka (docs/benchmarks.md): pre-produces {@code bench.samples} LabelledSamples built
 * from the Open Bandit stream to a fresh 6-partition topic, then for each count of lineages in {@code bench.lineages}
 * starts the packaged app in the prod profile (22 bits, default gate and cadence) on it, for a model of its own whose
 * lineages are registered before it starts, and reports samples/s until every lineage has seen every sample; with
 * several counts it ends with each one's rate against the first's.
 *
 * <p>Run: {@code ./mvnw -B -pl retrainer -Pbench package exec:exec -DskipTests} with the local stack up; add
 * {@code -Dbench.samples=N} or {@code -Dbench.publish.every-samples=N} to change the stream or the publish cadence,
 * {@code -Dbench.lineages=1,2} to compare one lineage with two (the second without the user × item cross, so each
 * sample is hashed twice; a third and fourth differ from the default in α and λ2 only),
 * {@code -Dbench.vw=FILE} to read another VW file than the repository's {@code data/obd/obd_men_women_40k.vw}.
 */
public final class EndToEndBenchmark {

    /** The lineages beside the default, in the order {@code bench.lineages} adds them. */
    private static final Map<String, LineageConfig> OTHERS = new LinkedHashMap<>();

    static {
        LineageConfig base = TrainerSettings.configOf(FeatureSpec.defaults(), FtrlParameters.defaults());
        OTHERS.put("no-cross", new LineageConfig(base.hashBits(), List.of(), 0.1, 1.0, 0.0, 0.0, base.labelling()));
        OTHERS.put("alpha-0.05", new LineageConfig(base.hashBits(), base.crosses(), 0.05, 1.0, 0.0, 0.0, 1));
        OTHERS.put("l2-1", new LineageConfig(base.hashBits(), base.crosses(), 0.1, 1.0, 0.0, 1.0, 1));
    }

    private EndToEndBenchmark() {}

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 200_000);
        List<Integer> lineageCounts = Stream.of(
                        System.getProperty("bench.lineages", "1").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
        String file = System.getProperty("bench.vw");
        Path vw = file == null || file.isBlank() ? ObdSamples.repositoryStream() : Path.of(file);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "retrainer-bench-" + suffix;
        try (TopicAdmin admin = TopicAdmin.localStack();
                TestRedis redis = new TestRedis()) {
            admin.create(topic, 6);
            List<String> models = new ArrayList<>();
            try {
                produce(vw, samples, topic);
                Map<Integer, Double> rates = new LinkedHashMap<>();
                for (int count : lineageCounts) {
                    String model = "ctr-bench-" + suffix + "-" + count;
                    models.add(model);
                    registerLineages(redis, model, count);
                    rates.put(count, run(samples, model, topic, count));
                }
                double first = rates.get(lineageCounts.get(0));
                rates.forEach((count, rate) -> print(
                        "%d lineage(s): %,.0f samples/s, %.0f %% of %d lineage(s)",
                        count, rate, 100 * rate / first, lineageCounts.get(0)));
            } finally {
                admin.delete(List.of(topic));
                models.forEach(redis::deleteModel);
            }
        }
    }

    /**
     * Registers {@code count} lineages of {@code model} before its app starts, so each learns from the first record:
     * the default (the prod profile's features and FTRL parameters) first, then the others of {@link #OTHERS}.
     */
    private static void registerLineages(TestRedis redis, String model, int count) {
        List<LineageConfig> configs = new ArrayList<>();
        configs.add(TrainerSettings.configOf(FeatureSpec.defaults(), FtrlParameters.defaults()));
        configs.addAll(OTHERS.values());
        List<String> names = new ArrayList<>(List.of("default"));
        names.addAll(OTHERS.keySet());
        if (count < 1 || count > configs.size()) {
            throw new IllegalArgumentException(
                    "bench.lineages takes counts from 1 to " + configs.size() + ", not " + count + ".");
        }
        for (int i = 0; i < count; i++) {
            LineageConfig config = configs.get(i);
            Lineage lineage = new Lineage(
                    Lineage.SCHEMA_VERSION,
                    model,
                    new LineageRef(config.fingerprint(), names.get(i)),
                    config,
                    i + 1,
                    Instant.now(),
                    i == 0 ? "config" : "bench");
            redis.hset(
                    RedisKeys.lineages(model),
                    config.fingerprint(),
                    new String(ContractJson.write(lineage), StandardCharsets.UTF_8));
        }
    }

    private static void produce(Path vw, int samples, String topic) throws Exception {
        ObdSamples source = new ObdSamples(vw);
        long produceStart = System.nanoTime();
        try (SampleWriter writer = new SampleWriter(topic)) {
            for (int i = 0; i < samples; i++) {
                writer.send(source.next());
            }
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        print(
                "produced %,d samples to %s in %.1f s (%,.0f/s)",
                samples, topic, produceSeconds, samples / produceSeconds);
    }

    /** Trains {@code model} with {@code lineages} lineages on the topic; returns the overall samples/s. */
    private static double run(int samples, String model, String topic, int lineages) throws Exception {
        Path log = Path.of("target", "bench-logs", model + ".log");
        String publishEvery = System.getProperty("bench.publish.every-samples", "10000");
        Map<String, String> settings = Map.of("retrainer.publish.every-samples", publishEvery);
        print(
                "app: prod profile, 22 bits, %d lineage(s), a candidate every %s samples or 60 s per lineage",
                lineages, publishEvery);
        try (ServiceProcess process = PackagedRetrainer.start(model, topic, settings, log)) {
            long launched = System.nanoTime();
            process.awaitReady(Duration.ofMinutes(2));
            print("ready after %.1f s (log %s)", (System.nanoTime() - launched) / 1e9, log);
            List<JsonNode> statuses = new ArrayList<>();
            String lastUpdate = "";
            while (true) {
                JsonNode trainer = PackagedRetrainer.trainer(process);
                if (trainer != null && !trainer.path("updatedAt").asText().equals(lastUpdate)) {
                    lastUpdate = trainer.path("updatedAt").asText();
                    statuses.add(trainer);
                    if (trainer.path("lineages").size() == lineages && everyLineageSaw(trainer, samples)) {
                        break;
                    }
                }
                if (!process.isAlive()
                        || System.nanoTime() - launched > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("The retrainer did not train every sample; see " + log);
                }
                Thread.sleep(50);
            }
            double rate = report(statuses, samples, (System.nanoTime() - launched) / 1e9);
            JsonNode models = PackagedRetrainer.get(process, "/v1/models");
            models.get("versions")
                    .forEach(version -> print(
                            "  published %s after %,d samples: progressive log loss %.6f, AUC %.4f, holdout log loss %.6f",
                            version.get("version").asText(),
                            version.get("samplesSeen").asLong(),
                            version.path("metrics").path("logLoss").asDouble(Double.NaN),
                            version.path("metrics").path("auc").asDouble(Double.NaN),
                            version.path("metrics").path("holdoutLogLoss").asDouble(Double.NaN)));
            return rate;
        }
    }

    private static boolean everyLineageSaw(JsonNode trainer, int samples) {
        for (JsonNode lineage : trainer.path("lineages")) {
            if (lineage.path("samplesSeen").asLong() < samples) {
                return false;
            }
        }
        return true;
    }

    /**
     * Overall: samples over the time between the first status with a trained sample and the one with all of them.
     * Sustained: the per-second rates of the statuses in between (each covers one full second of training).
     */
    private static double report(List<JsonNode> statuses, int samples, double wallSeconds) {
        JsonNode first = statuses.stream()
                .filter(s -> s.path("samplesSeen").asLong() > 0)
                .findFirst()
                .orElseThrow();
        JsonNode last = statuses.get(statuses.size() - 1);
        double seconds = Duration.between(
                                Instant.parse(first.get("updatedAt").asText()),
                                Instant.parse(last.get("updatedAt").asText()))
                        .toNanos()
                / 1e9;
        long trained =
                last.get("samplesSeen").asLong() - first.get("samplesSeen").asLong();
        List<Double> rates = statuses.subList(statuses.indexOf(first) + 1, statuses.size() - 1).stream()
                .map(s -> s.path("samplesPerSecond").asDouble())
                .sorted()
                .toList();
        print(
                "trained %,d samples; %,d between the first and the last status, %.1f s apart: %,.0f samples/s",
                last.get("samplesSeen").asLong(), trained, seconds, trained / seconds);
        if (!rates.isEmpty()) {
            print(
                    "per-second rates while busy (%d): min %,.0f, median %,.0f, max %,.0f samples/s",
                    rates.size(), rates.get(0), rates.get(rates.size() / 2), rates.get(rates.size() - 1));
        }
        print(
                "from launch to all %,d samples trained: %.1f s (JVM start, lease, initial publish included)",
                samples, wallSeconds);
        return trained / seconds;
    }

    private static void print(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
