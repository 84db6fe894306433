package io.autoloop.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.simulator.http.JsonHttp;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.http.Reply;
import io.autoloop.simulator.http.RetryPolicy;
import io.autoloop.testing.ServiceProcess;
import io.autoloop.testing.TopicAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The packaged ab-router alone ({@code ab-router/target/quarkus-app/quarkus-run.jar}), without the other services:
 * one process after another on a model ({@code ctr-<id>}) and topics ({@code <id>.serving.decisions},
 * {@code <id>.audit.log}, {@code <id>.experiment.arm-stats}, {@code <id>.analysis.reports}) of its own, on the local
 * stack's Kafka and Redis; its HTTP API, and the lease and experiment it keeps in Redis. The test plays the retrainer
 * (a {@link RegistryWriter} of {@link #model()}) and the error-analyzer (arm stats on this run's
 * {@code experiment.arm-stats}). {@link #close()} stops the running process and deletes the run's topics and Redis
 * keys.
 *
 * <p>Each process runs the {@code local} profile with short timings: an analysis every second on counts settled at
 * once (no settle time), 200 impressions per arm, re-reading Redis every 250 ms and a controller lease of
 * {@link #LEASE_TTL}; the latency and error guardrails judge from one request against a 10 s latency limit (two
 * shared cores would fail a real one).
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
    private ServiceProcess process;
    private int starts;

    private StandaloneRouter(String id) {
        this.id = id;
        this.logs = LOGS.resolve(id);
    }

    /** Creates the run's topics; no process runs yet. */
    static StandaloneRouter create(String name) {
        StandaloneRouter router = new StandaloneRouter(
                "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Integer> topics = new LinkedHashMap<>();
        OWN_TOPICS.forEach(topic -> topics.put(router.topic(topic), 1));
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.create(topics);
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
        return router;
    }

    /** The model this router ranks with and rolls out. */
    String model() {
        return "ctr-" + id;
    }

    /** This run's name for a topic of the loop ({@code model.versions} is shared). */
    String topic(Topic<?> topic) {
        return topic == Topics.MODEL_VERSIONS ? topic.name() : id + "." + topic.name();
    }

    /**
     * Starts a router process as replica {@code replicaId} (its id in the controller lease) on a free port and waits
     * until it is ready; its log is {@code <logs>/<id>/ab-router-<n>.log}.
     */
    void start(String replicaId) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("A router process of " + id + " still runs; stop it first.");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.profile", "local");
        settings.put("kafka.bootstrap.servers", Loop.kafka());
        settings.put("quarkus.redis.hosts", Loop.redis());
        settings.put("router.model-name", model());
        settings.put("router.replica-id", replicaId);
        Loop.routerChannels(settings, this::topic);
        settings.put("router.experiment.interval", "1s");
        settings.put("router.experiment.settle-time", "0s");
        // Error rate and latency are judged from a single request, against a limit a loaded machine meets: the
        // first step needs them measured, and they must not judge the machine.
        settings.put("router.guardrails.min-requests", "1");
        settings.put("router.guardrails.max-p99-latency", "10s");
        settings.put("router.experiment.min-impressions", "200");
        settings.put("router.experiment.refresh-interval", "250ms");
        settings.put("router.experiment.lease-ttl", LEASE_TTL.toMillis() + "ms");
        starts++;
        String name = "ab-router-" + starts;
        process = ServiceProcess.quarkus(ROOT.resolve("ab-router").resolve(ServiceProcess.QUARKUS_RUN_JAR))
                .name(name)
                .jvmOptions(Loop.JVM_OPTIONS)
                .properties(settings)
                .log(logs.resolve(name + ".log"))
                .start();
        process.awaitReady(Loop.READY_TIMEOUT);
    }

    /** Stops the running process with SIGTERM and waits for it to exit; fails if it had to be killed. */
    void stop() {
        process.stop();
    }

    /** Stops the running process with SIGKILL and waits for it to exit. */
    void kill() {
        process.kill();
    }

    /** Fails with the end of the log when the running process has exited. */
    void assertRunning() {
        process.assertAlive();
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
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.delete(OWN_TOPICS.stream().map(this::topic).toList());
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
}
