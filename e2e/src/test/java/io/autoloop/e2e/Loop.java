package io.autoloop.e2e;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.ServiceProcess;
import io.autoloop.testing.StackTopics;
import io.autoloop.testing.TopicAdmin;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The whole loop of one test class: the four packaged services as processes, each in the {@code local} profile (the
 * demo's development keys) on a free port, isolated from every other run on the shared Kafka and Redis. Every topic
 * but {@code model.versions} is this loop's own ({@code <id>.feedback.events}, …, created here with the stack's
 * partition counts), the model is {@code ctr-<id>} (so its registry, aliases, experiments and leases are its own), and
 * the analyzer has its own application id. {@code model.versions} is shared: records are keyed and filtered by model
 * name. {@link #close()} stops the services and deletes the topics and Redis keys of the run.
 *
 * <p>{@link #start} shortens the demo's timings for the tests: a 4 s attribution window with 1 s grace and 2 s arm-stats
 * windows in the analyzer, analyses every 2 s in the router, which files arm stats by event time and judges guardrails
 * over 20 s, and 2^18 hash slots in the retrainer. {@link #startWithDemoTimings} keeps the {@code local} profile's own.
 */
final class Loop implements AutoCloseable {

    static final String API_KEY = "autoloop-dev-key";
    static final String ADMIN_KEY = "autoloop-dev-admin-key";
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** Small heaps: four services, Kafka, Redis and the build share two cores and the memory of this machine. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /** The repository root: failsafe sets it; otherwise the working directory, the root or {@code e2e/}. */
    private static final Path ROOT = root();

    private static final String KAFKA = System.getProperty("autoloop.kafka", "127.0.0.1:9092");
    private static final String REDIS = System.getProperty("autoloop.redis", "redis://127.0.0.1:6379");
    private static final Path LOGS = Path.of(System.getProperty(
            "autoloop.e2e.logs", ROOT.resolve("e2e/target/e2e-logs").toString()));

    /** Partitions per topic of this loop: those {@code deploy/local/topics.txt} creates the shared ones with. */
    private static final Map<Topic<?>, Integer> PARTITIONS = partitions();

    private final String id;
    private final Path logs;
    private final boolean fastTimings;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private Map<String, Map<String, String>> overrides = Map.of();
    private ServiceProcess collector;
    private ServiceProcess analyzer;
    private ServiceProcess retrainer;
    private ServiceProcess router;

    private Loop(String id, boolean fastTimings) {
        this.id = id;
        this.logs = LOGS.resolve(id);
        this.fastTimings = fastTimings;
    }

    /**
     * Creates the topics, starts the four services with {@code overrides} (per module name, on top of the loop's
     * settings) and waits until each is ready.
     */
    static Loop start(String name, Map<String, Map<String, String>> overrides) {
        return start(new Loop("e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), true), overrides);
    }

    /** Like {@link #start}, with the timings of the {@code local} profile that {@code deploy/local/run} uses. */
    static Loop startWithDemoTimings(String name, Map<String, Map<String, String>> overrides) {
        return start(new Loop("e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), false), overrides);
    }

    private static Loop start(Loop loop, Map<String, Map<String, String>> overrides) {
        try {
            loop.overrides = overrides;
            loop.createTopics();
            loop.collector = loop.service("feedback-collector", loop.collectorSettings(), overrides);
            loop.analyzer = loop.service("error-analyzer", loop.analyzerSettings(), overrides);
            loop.retrainer = loop.service("retrainer", loop.retrainerSettings(), overrides);
            loop.router = loop.service("ab-router", loop.routerSettings(), overrides);
            for (ServiceProcess process : loop.processes) {
                process.awaitReady(READY_TIMEOUT);
            }
            return loop;
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    /** The run's id, the prefix of its topics and part of its model name. */
    String id() {
        return id;
    }

    /** The model this loop trains and rolls out. */
    String model() {
        return "ctr-" + id;
    }

    /** This loop's name for a topic of the loop ({@code model.versions} is shared). */
    String topic(Topic<?> topic) {
        return topic == Topics.MODEL_VERSIONS ? topic.name() : id + "." + topic.name();
    }

    /** A reader of this loop's {@code topic} that sees committed records only, as the services downstream do. */
    <V> TopicReader<V> reader(Topic<V> topic) {
        return TopicReader.of(new Topic<>(topic(topic), topic.valueType())).committedOnly();
    }

    /** The values of every committed record of this loop's {@code topic}, from its beginning to its end of now. */
    <V> List<V> values(Topic<V> topic) {
        return reader(topic).readAll().stream().map(TopicRecord::value).toList();
    }

    URI collector() {
        return collector.uri();
    }

    URI analyzer() {
        return analyzer.uri();
    }

    URI retrainer() {
        return retrainer.uri();
    }

    URI router() {
        return router.uri();
    }

    static String kafka() {
        return KAFKA;
    }

    static String redis() {
        return REDIS;
    }

    /** Starts the simulated app ({@code deploy/simulator}) in world mode against this loop's router and collector. */
    ServiceProcess simulate(List<String> options) {
        List<String> args = new ArrayList<>(List.of(
                "world",
                "--router",
                router.uri().toString(),
                "--collector",
                collector.uri().toString(),
                "--progress",
                "10s"));
        args.addAll(options);
        ServiceProcess simulator = ServiceProcess.jar(ROOT.resolve("deploy/simulator/target/autoloop-simulator.jar"))
                .name("simulator")
                .jvmOptions(JVM_OPTIONS)
                .args(args)
                .log(logs.resolve("simulator.log"))
                .start();
        processes.add(simulator);
        return simulator;
    }

    /**
     * Starts a second feedback-collector on this loop's topics and Redis, as another replica behind the apps' load
     * balancer would be, and waits until it is ready; answers its base URL.
     */
    URI startCollectorReplica() {
        ServiceProcess replica = service("feedback-collector", "feedback-collector-2", collectorSettings(), overrides);
        replica.awaitReady(READY_TIMEOUT);
        return replica.uri();
    }

    /**
     * Kills the error-analyzer with SIGKILL and starts a new one with an empty state directory, which restores its
     * stores from their changelogs; waits until it is ready.
     */
    void killAndReplaceAnalyzer() {
        analyzer.kill();
        processes.remove(analyzer);
        Map<String, String> settings = analyzerSettings();
        settings.put(
                "kafka-streams.state.dir",
                logs.resolve("kafka-streams-replaced").toAbsolutePath().toString());
        analyzer = service("error-analyzer", "error-analyzer-replaced", settings, overrides);
        analyzer.awaitReady(READY_TIMEOUT);
    }

    /** Fails with the end of each service's log when one of them has exited. */
    void assertRunning() {
        processes.forEach(ServiceProcess::assertAlive);
    }

    private Map<String, String> common() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.profile", "local");
        settings.put("kafka.bootstrap.servers", KAFKA);
        settings.put("quarkus.redis.hosts", REDIS);
        return settings;
    }

    private Map<String, String> collectorSettings() {
        Map<String, String> settings = common();
        settings.put("collector.topics.events", topic(Topics.FEEDBACK_EVENTS));
        settings.put("collector.topics.rejected", topic(Topics.FEEDBACK_REJECTED));
        return settings;
    }

    private Map<String, String> analyzerSettings() {
        Map<String, String> settings = common();
        settings.put("analyzer.topics.decisions", topic(Topics.SERVING_DECISIONS));
        settings.put("analyzer.topics.feedback", topic(Topics.FEEDBACK_EVENTS));
        settings.put("analyzer.topics.samples", topic(Topics.TRAINING_SAMPLES));
        settings.put("analyzer.topics.reports", topic(Topics.ANALYSIS_REPORTS));
        settings.put("analyzer.topics.arm-stats", topic(Topics.EXPERIMENT_ARM_STATS));
        settings.put("analyzer.topics.rejected", topic(Topics.FEEDBACK_REJECTED));
        settings.put("quarkus.kafka-streams.application-id", id + "-error-analyzer");
        settings.put(
                "kafka-streams.state.dir",
                logs.resolve("kafka-streams").toAbsolutePath().toString());
        settings.put("kafka-streams.num.stream.threads", "1");
        settings.put("kafka-streams.consumer.session.timeout.ms", "6000");
        settings.put("kafka-streams.consumer.heartbeat.interval.ms", "1000");
        if (fastTimings) {
            settings.put("analyzer.attribution.window", "PT4S");
            settings.put("analyzer.attribution.grace", "PT1S");
            settings.put("analyzer.arm-stats.window", "PT2S");
            settings.put("analyzer.reports.window", "PT5S");
            settings.put("analyzer.idle-close-after", "PT5S");
        }
        return settings;
    }

    private Map<String, String> retrainerSettings() {
        Map<String, String> settings = common();
        settings.put("retrainer.model-name", model());
        settings.put("retrainer.samples-topic", topic(Topics.TRAINING_SAMPLES));
        if (fastTimings) {
            settings.put("retrainer.features.bits", "18");
        }
        return settings;
    }

    private Map<String, String> routerSettings() {
        Map<String, String> settings = common();
        settings.put("router.model-name", model());
        routerChannels(settings, this::topic);
        if (fastTimings) {
            settings.put("router.experiment.interval", "2s");
            // Arm-stats windows are filed by event time, so an analyzer that falls behind on a loaded machine cannot
            // make the previous weight's counts look like the new step's; windows stop growing after the 4 s
            // attribution window and 1 s grace, and are kept open for a minute more.
            settings.put("router.experiment.window-retention", "60s");
            settings.put("router.experiment.min-impressions", "300");
            settings.put("router.experiment.min-exposure", "150");
            settings.put("router.guardrails.window", "20s");
            settings.put("router.guardrails.min-requests", "20");
            // Two cores shared by Kafka, Redis, four services, the simulated app and possibly a build: the latency
            // guardrail would measure the machine, not the challenger.
            settings.put("router.guardrails.max-p99-latency", "2s");
            // A test waits for its experiment's own verdict; the demo's six-minute give-up would race a slow machine.
            settings.put("router.experiment.max-duration", "1h");
        }
        return settings;
    }

    private ServiceProcess service(
            String module, Map<String, String> settings, Map<String, Map<String, String>> overrides) {
        return service(module, module, settings, overrides);
    }

    /** Starts {@code module} as the process {@code name} (its log is {@code <name>.log}). */
    private ServiceProcess service(
            String module, String name, Map<String, String> settings, Map<String, Map<String, String>> overrides) {
        settings.putAll(overrides.getOrDefault(module, Map.of()));
        ServiceProcess process = ServiceProcess.quarkus(ROOT.resolve(module).resolve(ServiceProcess.QUARKUS_RUN_JAR))
                .name(name)
                .jvmOptions(JVM_OPTIONS)
                .properties(settings)
                .log(logs.resolve(name + ".log"))
                .start();
        processes.add(process);
        return process;
    }

    /** Points the router's channels at the topics {@code topic} names; what it consumes is read from the start. */
    static void routerChannels(Map<String, String> settings, Function<Topic<?>, String> topic) {
        settings.put("mp.messaging.outgoing.decisions.topic", topic.apply(Topics.SERVING_DECISIONS));
        settings.put("mp.messaging.outgoing.audit.topic", topic.apply(Topics.AUDIT_LOG));
        settings.put("mp.messaging.incoming.arm-stats.topic", topic.apply(Topics.EXPERIMENT_ARM_STATS));
        settings.put("mp.messaging.incoming.arm-stats.auto.offset.reset", "earliest");
        settings.put("mp.messaging.incoming.reports.topic", topic.apply(Topics.ANALYSIS_REPORTS));
        settings.put("mp.messaging.incoming.reports.auto.offset.reset", "earliest");
    }

    private void createTopics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        PARTITIONS.forEach((topic, partitions) -> topics.put(topic(topic), partitions));
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.create(topics);
        }
    }

    /** Stops every process (newest first), then deletes the run's topics (its own and the analyzer's) and keys. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            List<String> ours = new ArrayList<>(admin.namesStartingWith(id + "."));
            ours.addAll(admin.namesStartingWith(id + "-error-analyzer-"));
            admin.delete(ours);
        }
        try (RedisStore redis = new RedisStore(REDIS)) {
            String model = model();
            redis.deleteMatching(RedisKeys.modelKeysPattern(model));
            redis.deleteMatching(RedisKeys.checkpoint(model));
            redis.deleteMatching(RedisKeys.trainerLease(model));
            redis.deleteMatching(RedisKeys.controllerLease(model));
            for (String experiment : experimentIds(redis, model)) {
                redis.srem(RedisKeys.EXPERIMENTS, experiment);
            }
            redis.deleteMatching(RedisKeys.experiment(model + "-*"));
        }
    }

    private static List<String> experimentIds(RedisStore redis, String model) {
        return redis.keys(RedisKeys.experiment(model + "-*")).stream()
                .map(RedisKeys::experimentId)
                .toList();
    }

    /** The partitions of every topic but {@code model.versions}, as the stack creates them. */
    private static Map<Topic<?>, Integer> partitions() {
        Map<Topic<?>, Integer> partitions = new HashMap<>();
        for (Topic<?> topic : Topics.ALL) {
            if (topic != Topics.MODEL_VERSIONS) {
                partitions.put(topic, StackTopics.partitions(topic));
            }
        }
        return Map.copyOf(partitions);
    }

    /** The repository's root: {@code autoloop.root}, or found from the working directory (the root or e2e/). */
    static Path root() {
        String configured = System.getProperty("autoloop.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("deploy/simulator")) ? here : here.getParent();
    }
}
