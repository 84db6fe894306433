package io.autoloop.router.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.testing.TopicWriter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Gives a running router an experiment with history, as the other services would: the retrainer registers two
 * lineages ({@code autoloop:model:{name}:lineages}) and publishes a champion of the first, a refresh of it that the
 * analyzer's report shows miscalibrated (so the refresh guard reverts it), and a challenger of the second fine-tuned
 * from the champion (registry and {@code model.versions}); the analyzer publishes arm stats of a +30 % challenger on
 * {@code experiment.arm-stats} until the controller has advanced it twice (5 → 10 → 25 %), and an
 * {@link ErrorReport} of each version on {@code analysis.reports}.
 */
public final class DashboardSeed {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long IMPRESSIONS_PER_WINDOW = 50_000;

    /**
     * What was seeded.
     *
     * @param reverted the champion's refresh the guard reverted
     * @param lineages the champion's lineage, then the challenger's
     */
    public record Seeded(
            String experimentId,
            ModelVersion champion,
            ModelVersion challenger,
            List<ErrorReport> reports,
            ModelVersion reverted,
            List<Lineage> lineages) {}

    private DashboardSeed() {}

    /**
     * Seeds {@code model} of the router at {@code base} and returns once the experiment is progressing at 25 % and both
     * reports have arrived.
     */
    public static Seeded run(RedisDataSource redis, String model, String base) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        Registry registry = new Registry(redis);
        TestModels.Built champion = TestModels.build(model, "2.0.0-" + suffix, t0);
        TestModels.Built trained =
                TestModels.build(model, "2.1.0-" + suffix, t0.plus(Duration.ofHours(1)), TestModels.CHALLENGER_LINEAGE);
        TestModels.Built challenger = new TestModels.Built(
                trained.snapshot(),
                trained.bytes(),
                new ModelVersion(
                        ModelVersion.SCHEMA_VERSION,
                        model,
                        trained.metadata().version(),
                        champion.metadata().version(),
                        trained.metadata().createdAt(),
                        48_250,
                        new ModelMetrics(48_250, 0.2134, 0.7362, 1.042, 0.2201),
                        trained.metadata().checksum(),
                        trained.metadata().registryKey(),
                        trained.metadata().lineage()));

        List<Lineage> lineages = List.of(
                new Lineage(
                        Lineage.SCHEMA_VERSION,
                        model,
                        TestModels.LINEAGE,
                        TestModels.DEFAULT_CONFIG,
                        1,
                        t0.minus(Duration.ofHours(1)),
                        "config"),
                new Lineage(
                        Lineage.SCHEMA_VERSION,
                        model,
                        TestModels.CHALLENGER_LINEAGE,
                        TestModels.CHALLENGER_CONFIG,
                        2,
                        t0,
                        "admin"));
        lineages.forEach(lineage -> redis.hash(String.class)
                .hset(
                        RedisKeys.lineages(model),
                        lineage.ref().id(),
                        new String(ContractJson.write(lineage), StandardCharsets.UTF_8)));
        TestModels.Built built = TestModels.build(model, "2.0.1-" + suffix, t0.plus(Duration.ofMinutes(30)));
        TestModels.Built refresh = new TestModels.Built(
                built.snapshot(),
                built.bytes(),
                new ModelVersion(
                        ModelVersion.SCHEMA_VERSION,
                        model,
                        built.metadata().version(),
                        champion.metadata().version(),
                        built.metadata().createdAt(),
                        31_400,
                        new ModelMetrics(31_400, 0.2187, 0.7291, 0.987, 0.2245),
                        built.metadata().checksum(),
                        built.metadata().registryKey(),
                        built.metadata().lineage()));

        registry.publish(champion);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, champion.metadata());
        awaitChampion(redis, model, champion.metadata().version());
        registry.publish(refresh);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, refresh.metadata());
        awaitChampion(redis, model, refresh.metadata().version());
        ErrorReport miscalibrated = report(refresh.metadata().version(), 0.01, 0.5);
        TopicWriter.writeOne(Topics.ANALYSIS_REPORTS, miscalibrated.modelVersion(), miscalibrated);
        awaitChampion(redis, model, champion.metadata().version());
        registry.publish(challenger);
        TopicWriter.writeOne(Topics.MODEL_VERSIONS, model, challenger.metadata());
        String id = advanceTwice(base, challenger.metadata().version());

        List<ErrorReport> reports = List.of(
                report(champion.metadata().version(), 0.050, 0.049),
                report(challenger.metadata().version(), 0.065, 0.061));
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            reports.forEach(report -> TopicWriter.writeOne(Topics.ANALYSIS_REPORTS, report.modelVersion(), report));
            JsonPath models = given().baseUri(base)
                    .get("/v1/dashboard/models")
                    .then()
                    .extract()
                    .jsonPath();
            return models.getList("versions.findAll { it.report != null }").size() >= 2;
        });
        return new Seeded(id, champion.metadata(), challenger.metadata(), reports, refresh.metadata(), lineages);
    }

    private static void awaitChampion(RedisDataSource redis, String model, String version) {
        await().atMost(WAIT)
                .until(() -> version.equals(redis.value(String.class).get(RedisKeys.alias(model, Arm.CHAMPION))));
    }

    /**
     * Plays the app and the analyzer: a few rankings (so the router measures the guardrails), then one window of
     * both arms at a time (champion CTR 5 %, challenger 6.5 %, split by the current weight) until the controller has
     * advanced the challenger to its third step.
     */
    private static String advanceTwice(String base, String challenger) {
        await().atMost(WAIT)
                .until(() -> "PROGRESSING".equals(view(base, challenger).getString("phase")));
        String id = view(base, challenger).getString("id");
        long[] championCounts = {0, 0};
        long[] challengerCounts = {0, 0};
        Instant window = Instant.now();
        for (int windows = 0; windows < 30; windows++) {
            JsonPath current = view(base, challenger);
            int step = current.getInt("step");
            if (step >= 3) {
                return id;
            }
            double share = current.getDouble("challengerWeight") / 100.0;
            long toChallenger = Math.round(IMPRESSIONS_PER_WINDOW * share);
            long toChampion = IMPRESSIONS_PER_WINDOW - toChallenger;
            long[] championWindow = {toChampion, Math.round(toChampion * 0.05)};
            long[] challengerWindow = {toChallenger, Math.round(toChallenger * 0.065)};
            championCounts[0] += championWindow[0];
            championCounts[1] += championWindow[1];
            challengerCounts[0] += challengerWindow[0];
            challengerCounts[1] += challengerWindow[1];
            Api.traffic(base, "seed-" + windows, 40);
            window = window.plusSeconds(60);
            publish(id, Arm.CHAMPION, championWindow, championCounts, window);
            publish(id, Arm.CHALLENGER, challengerWindow, challengerCounts, window);
            try {
                await().atMost(Duration.ofSeconds(4))
                        .until(() -> view(base, challenger).getInt("step") != step);
            } catch (ConditionTimeoutException stillAtTheStep) {
                // Not enough evidence yet: publish another window.
            }
        }
        throw new IllegalStateException("The challenger " + challenger + " did not reach its third step.");
    }

    private static ErrorReport report(String version, double observedCtr, double meanPrediction) {
        List<CalibrationBucket> buckets = List.of(
                new CalibrationBucket(0.0, 0.02, 1_500, 22, 21.0),
                new CalibrationBucket(0.02, 0.05, 1_800, 70, 63.0),
                new CalibrationBucket(0.05, 0.1, 1_200, 95, 88.8),
                new CalibrationBucket(0.1, 0.2, 400, 61, 55.2),
                new CalibrationBucket(0.2, 0.5, 100, 27, 24.5),
                new CalibrationBucket(0.5, 1.0, 0, 0, 0.0));
        Instant end = Instant.now();
        return new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                version,
                end.minus(Duration.ofMinutes(5)),
                end,
                5_000,
                Math.round(5_000 * observedCtr),
                observedCtr,
                meanPrediction,
                0.2051,
                0.0581,
                0.7214,
                buckets);
    }

    private static void publish(String experimentId, Arm arm, long[] inWindow, long[] cumulative, Instant windowEnd) {
        TopicWriter.writeOne(
                Topics.EXPERIMENT_ARM_STATS,
                experimentId,
                new ArmStats(
                        ArmStats.SCHEMA_VERSION,
                        experimentId,
                        arm,
                        null,
                        inWindow[0],
                        inWindow[1],
                        cumulative[0],
                        cumulative[1],
                        windowEnd.minusSeconds(60),
                        windowEnd));
    }

    private static JsonPath view(String base, String challenger) {
        List<Map<String, Object>> all = given().baseUri(base)
                .header("Authorization", Api.ADMIN_KEY)
                .get("/v1/experiments")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        return all.stream()
                .filter(e -> challenger.equals(e.get("challenger")))
                .findFirst()
                .map(e -> given().baseUri(base)
                        .header("Authorization", Api.ADMIN_KEY)
                        .get("/v1/experiments/" + e.get("id"))
                        .then()
                        .extract()
                        .jsonPath())
                .orElse(new JsonPath("{\"phase\": \"NONE\", \"step\": 0}"));
    }
}
