package io.autoloop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.learner.FeatureHasher;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelCodec;
import io.autoloop.simulator.http.JsonHttp;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.http.Reply;
import io.autoloop.simulator.http.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The packaged ab-router alone ({@code ab-router/target/quarkus-app/quarkus-run.jar}), without the other services:
 * one process after another on a model ({@code ctr-<id>}) and topics ({@code <id>.serving.decisions},
 * {@code <id>.audit.log}, {@code <id>.experiment.arm-stats}, {@code <id>.analysis.reports}) of its own, on the local
 * stack's Kafka and Redis. The test plays the retrainer (versions in the Redis registry, announced on the shared
 * {@code model.versions}) and the error-analyzer (arm stats). {@link #close()} stops the running process and deletes
 * the run's topics and Redis keys.
 *
 * <p>Each process runs the {@code local} profile with short timings: an analysis every second on counts settled at
 * once (no attribution lag), 200 impressions per arm, re-reading Redis every 250 ms and a controller lease of
 * {@link #LEASE_TTL}; the latency and error guardrails never judge (two shared cores would fail them).
 */
final class StandaloneRouter implements AutoCloseable {

    /** The controller lease's expiry in every process of the run. */
    static final Duration LEASE_TTL = Duration.ofSeconds(5);

    private static final List<Topic<?>> OWN_TOPICS =
            List.of(Topics.SERVING_DECISIONS, Topics.AUDIT_LOG, Topics.EXPERIMENT_ARM_STATS, Topics.ANALYSIS_REPORTS);
    private static final Path ROOT = Loop.root();
    private static final Path LOGS = Path.of(System.getProperty(
            "autoloop.e2e.logs", ROOT.resolve("e2e/target/e2e-logs").toString()));
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String id;
    private final Path logs;
    private final RedisStore redis = new RedisStore(Loop.redis());
    private final JsonHttp http = new JsonHttp(RetryPolicy.DEFAULT, Clock.systemUTC());
    private final KafkaProducer<String, byte[]> producer;
    private ServiceProcess process;
    private int starts;

    private StandaloneRouter(String id) {
        this.id = id;
        this.logs = LOGS.resolve(id);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Loop.kafka());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the run's topics; no process runs yet. */
    static StandaloneRouter create(String name) {
        StandaloneRouter router = new StandaloneRouter(
                "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        try (Admin admin = Loop.admin()) {
            admin.createTopics(OWN_TOPICS.stream()
                            .map(topic -> new NewTopic(router.topic(topic), 1, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            router.close();
            throw new IllegalStateException("Could not create the topics of " + router.id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            router.close();
            throw new IllegalStateException("Interrupted while creating the topics of " + router.id + ".", e);
        }
        return router;
    }

    /** The model this router ranks with and rolls out. */
    String model() {
        return "ctr-" + id;
    }

    /** This run's name for a topic of DESIGN.md ({@code model.versions} is shared). */
    String topic(Topic<?> topic) {
        return topic == Topics.MODEL_VERSIONS ? topic.name() : id + "." + topic.name();
    }

    /**
     * Starts a router process as replica {@code replicaId} (its id in the controller lease) on a free port and waits
     * until it is ready; its log is {@code <logs>/<id>/ab-router-<n>.log}.
     */
    void start(String replicaId) throws InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("A router process of " + id + " still runs; stop it first.");
        }
        int port = Loop.freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.profile", "local");
        settings.put("quarkus.http.port", Integer.toString(port));
        settings.put("kafka.bootstrap.servers", Loop.kafka());
        settings.put("quarkus.redis.hosts", Loop.redis());
        settings.put("router.model-name", model());
        settings.put("router.replica-id", replicaId);
        Loop.routerChannels(settings, this::topic);
        settings.put("router.experiment.interval", "1s");
        settings.put("router.experiment.attribution-lag", "0s");
        settings.put("router.experiment.min-impressions", "200");
        settings.put("router.experiment.refresh-interval", "250ms");
        settings.put("router.experiment.lease-ttl", LEASE_TTL.toMillis() + "ms");
        settings.put("router.guardrails.min-requests", "1000000000");
        starts++;
        process = ServiceProcess.start(
                "ab-router-" + starts,
                ROOT.resolve("ab-router/target/quarkus-app/quarkus-run.jar"),
                port,
                settings,
                List.of(),
                logs);
        process.awaitReady(Loop.READY_TIMEOUT);
    }

    /** Stops the running process with SIGTERM and waits for it to exit. */
    void stop() {
        process.close();
    }

    /** Stops the running process with SIGKILL and waits for it to exit. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** Fails with the end of the log when the running process has exited. */
    void assertRunning() {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " exited:\n" + process.logTail());
        }
    }

    /**
     * Trains a small model of {@link #model()} as {@code version} (items {@code favourite} get clicks, {@code other-*}
     * items none), writes it into the Redis registry the way the retrainer does (bytes, {@code :meta}, the
     * {@code versions} sorted set) and announces it on {@code model.versions}.
     */
    ModelVersion publish(String version, Instant createdAt) {
        FeatureSpec spec = new FeatureSpec(18, 0, List.of());
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureHasher hasher = new FeatureHasher(spec);
        FeatureVector vector = new FeatureVector();
        for (int round = 0; round < 300; round++) {
            hasher.hash(Map.of("item", Map.of("id", "favourite")), vector);
            learner.learn(vector, 1.0);
            hasher.hash(Map.of("item", Map.of("id", "other-" + (round % 7))), vector);
            learner.learn(vector, 0.0);
        }
        byte[] bytes = ModelCodec.write(learner.snapshot(model(), version, null, Map.of(), createdAt));
        String key = RedisKeys.model(model(), version);
        ModelVersion meta = new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                model(),
                version,
                null,
                createdAt,
                learner.samplesSeen(),
                new ModelMetrics(learner.samplesSeen(), 0.3, 0.9, 1.0, 0.3),
                sha256(bytes),
                key);
        redis.set(key, bytes);
        redis.set(RedisKeys.modelMeta(model(), version), new String(ContractJson.write(meta), StandardCharsets.UTF_8));
        redis.zadd(RedisKeys.modelVersions(model()), createdAt.toEpochMilli(), version);
        send(Topics.MODEL_VERSIONS, model(), meta);
        return meta;
    }

    /**
     * Publishes one window of both arms of an experiment as the error-analyzer does: each arm's cumulative
     * {@code {impressions, clicks}} as of {@code windowEnd}.
     */
    void armStats(String experimentId, long[] champion, long[] challenger, Instant windowEnd) {
        for (Arm arm : Arm.values()) {
            long[] counts = arm == Arm.CHAMPION ? champion : challenger;
            send(
                    Topics.EXPERIMENT_ARM_STATS,
                    experimentId,
                    new ArmStats(
                            ArmStats.SCHEMA_VERSION,
                            experimentId,
                            arm,
                            null,
                            0,
                            0,
                            counts[0],
                            counts[1],
                            windowEnd.minusSeconds(60),
                            windowEnd));
        }
    }

    /** {@code POST /v1/rank} of {@code favourite} and {@code other-1} for {@code userId}; fails unless it ranked. */
    RankResponse rank(String userId) throws InterruptedException {
        RankRequest request = new RankRequest(
                userId,
                Map.of(),
                Map.of(),
                List.of(
                        new RankRequest.Candidate("favourite", Map.of()),
                        new RankRequest.Candidate("other-1", Map.of())),
                2);
        Reply reply = http.post(process.uri().resolve("/v1/rank"), Loop.API_KEY, () -> request);
        if (reply.status() != 200) {
            throw new AssertionError(
                    "POST /v1/rank for " + userId + " answered " + reply.status() + ": " + text(reply));
        }
        return http.read(reply.body(), RankResponse.class);
    }

    /** {@code GET /v1/experiments/{id}}: the detail view with the history. */
    JsonNode experiment(String experimentId) throws InterruptedException {
        return json(process.uri().resolve("/v1/experiments/" + experimentId));
    }

    /** The experiment whose challenger is {@code version}, null when there is none yet. */
    JsonNode experimentOf(String version) throws InterruptedException {
        for (JsonNode experiment : json(process.uri().resolve("/v1/experiments"))) {
            if (model().equals(experiment.path("model").asText())
                    && version.equals(experiment.path("challenger").asText())) {
                return experiment(experiment.path("id").asText());
            }
        }
        return null;
    }

    /** The version the champion alias names, null when there is none. */
    String champion() {
        return redis.get(RedisKeys.alias(model(), Arm.CHAMPION));
    }

    /** The replica holding the controller lease, null when none does. */
    String leaseHolder() {
        return redis.get(RedisKeys.controllerLease(model()));
    }

    /** The revision of the experiment as stored in Redis. */
    long storedRevision(String experimentId) {
        String stored = redis.get(RedisKeys.experiment(experimentId));
        if (stored == null) {
            throw new AssertionError("Redis holds no experiment " + experimentId + ".");
        }
        try {
            return http.mapper().readTree(stored).path("revision").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("The stored experiment " + experimentId + " is not JSON.", e);
        }
    }

    /** Stops the running process, then deletes the run's topics and the model's keys. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
        producer.close(Duration.ofSeconds(10));
        try (Admin admin = Loop.admin()) {
            admin.deleteTopics(OWN_TOPICS.stream().map(this::topic).toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("Could not delete the topics of " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String model = model();
        redis.deleteMatching(RedisKeys.modelKeysPattern(model));
        redis.deleteMatching(RedisKeys.trainerLease(model));
        redis.deleteMatching(RedisKeys.controllerLease(model));
        for (String key : redis.keys(RedisKeys.experiment(model + "-*"))) {
            redis.srem(RedisKeys.EXPERIMENTS, RedisKeys.experimentId(key));
        }
        redis.deleteMatching(RedisKeys.experiment(model + "-*"));
        redis.close();
    }

    private <V> void send(Topic<V> topic, String key, V value) {
        String name = topic(topic);
        try {
            producer.send(new ProducerRecord<>(name, key, topic.serde().serialize(name, value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + name + ".", e);
        }
    }

    private JsonNode json(URI uri) throws InterruptedException {
        Reply reply = http.get(uri, Loop.ADMIN_KEY, TIMEOUT);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + uri + " answered " + reply.status() + ": " + text(reply));
        }
        try {
            return http.mapper().readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " answered no JSON: " + text(reply), e);
        }
    }

    private static String text(Reply reply) {
        return reply.failure() != null ? reply.failure() : new String(reply.body(), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256.", e);
        }
    }
}
