package io.autoloop.retrainer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.retrainer.PackagedRetrainer;
import io.autoloop.retrainer.SampleWriter;
import io.autoloop.retrainer.TestRedis;
import io.autoloop.testing.ServiceProcess;
import io.autoloop.testing.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The retrainer end to end from Kafka (docs/benchmarks.md): pre-produces {@code bench.samples} LabelledSamples built
 * from the Open Bandit stream to a fresh 6-partition topic, starts the packaged app in the prod profile (22 bits,
 * default gate and cadence) on it, and reports samples/s until samples seen equals the number produced.
 *
 * <p>Run: {@code ./mvnw -B -pl retrainer -Pbench package exec:exec -DskipTests} with the local stack up; add
 * {@code -Dbench.samples=N} or {@code -Dbench.publish.every-samples=N} to change the stream or the publish cadence,
 * {@code -Dbench.vw=FILE} to read another VW file than the repository's {@code data/obd/obd_men_women_40k.vw}.
 */
public final class EndToEndBenchmark {

    private EndToEndBenchmark() {}

    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 200_000);
        String file = System.getProperty("bench.vw");
        Path vw = file == null || file.isBlank() ? ObdSamples.repositoryStream() : Path.of(file);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String model = "ctr-bench-" + suffix;
        String topic = "retrainer-bench-" + suffix;
        try (TopicAdmin admin = TopicAdmin.localStack();
                TestRedis redis = new TestRedis()) {
            admin.create(topic, 6);
            try {
                run(vw, samples, model, topic);
            } finally {
                admin.delete(List.of(topic));
                redis.deleteModel(model);
            }
        }
    }

    private static void run(Path vw, int samples, String model, String topic) throws Exception {
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

        Path log = Path.of("target", "bench-logs", model + ".log");
        String publishEvery = System.getProperty("bench.publish.every-samples", "10000");
        Map<String, String> settings = Map.of("retrainer.publish.every-samples", publishEvery);
        print("app: prod profile, 22 bits, a candidate every %s samples or 60 s", publishEvery);
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
                    if (trainer.path("samplesSeen").asLong() >= samples) {
                        break;
                    }
                }
                if (!process.isAlive()
                        || System.nanoTime() - launched > Duration.ofMinutes(10).toNanos()) {
                    throw new IllegalStateException("The retrainer did not train every sample; see " + log);
                }
                Thread.sleep(50);
            }
            report(statuses, samples, (System.nanoTime() - launched) / 1e9);
            JsonNode models = PackagedRetrainer.get(process, "/v1/models");
            models.get("versions")
                    .forEach(version -> print(
                            "  published %s after %,d samples: progressive log loss %.6f, AUC %.4f, holdout log loss %.6f",
                            version.get("version").asText(),
                            version.get("samplesSeen").asLong(),
                            version.path("metrics").path("logLoss").asDouble(Double.NaN),
                            version.path("metrics").path("auc").asDouble(Double.NaN),
                            version.path("metrics").path("holdoutLogLoss").asDouble(Double.NaN)));
        }
    }

    /**
     * Overall: samples over the time between the first status with a trained sample and the one with all of them.
     * Sustained: the per-second rates of the statuses in between (each covers one full second of training).
     */
    private static void report(List<JsonNode> statuses, int samples, double wallSeconds) {
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
    }

    private static void print(String format, Object... args) {
        System.out.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
