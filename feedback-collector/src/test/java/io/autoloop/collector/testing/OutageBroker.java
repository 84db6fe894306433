package io.autoloop.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A second, private single-node KRaft broker in its own JVM (the Kafka artifacts that
 * {@code deploy/local/kafka/pom.xml} resolves), for tests that must take Kafka down and bring it back
 * without touching the shared broker of the local stack. Its data lives under {@code target/} until
 * {@link #close()}; a restart after {@link #kill()} keeps it, like a real broker coming back from a crash.
 */
public final class OutageBroker implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    private OutageBroker(Path home, int port, int controllerPort, String classpath) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classpath = classpath;
    }

    /** Prepares a broker on two free loopback ports with formatted, empty storage; {@link #start} runs it. */
    public static OutageBroker create() {
        try {
            Path home = Path.of("target", "outage-broker-" + UUID.randomUUID()).toAbsolutePath();
            Files.createDirectories(home.resolve("data"));
            OutageBroker broker = new OutageBroker(home, freePort(), freePort(), classpath());
            broker.writeConfig();
            Process format = broker.run(List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    // One id in 64 starts with '-', which the tool would read as an option without the '='.
                    "--cluster-id=" + clusterId(),
                    "-c",
                    broker.config().toString()));
            if (!format.waitFor(READY.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException(
                        "Formatting the outage broker's storage failed; see " + home.resolve("broker.log"));
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the outage broker.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the outage broker's storage.", e);
        }
    }

    /** {@code 127.0.0.1:port} of the broker. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it serves {@code topics} (created with 3 partitions when missing). */
    public void start(List<String> topics) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The outage broker is already running.");
        }
        process = run(List.of("kafka.Kafka", config().toString()));
        awaitReady(topics);
    }

    /** Kills the broker at once (SIGKILL), as a crash or a lost machine would. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the broker and deletes its data. */
    @Override
    public void close() {
        kill();
        try (var paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the outage broker's data in " + home, e);
        }
    }

    private void awaitReady(List<String> topics) {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        Instant deadline = Instant.now().plus(READY);
        try (Admin admin = Admin.create(settings)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The outage broker exited; see " + home.resolve("broker.log"));
                }
                try {
                    for (String topic : topics) {
                        createIfMissing(admin, topic);
                    }
                    boolean led = admin.describeTopics(topics).allTopicNames().get().values().stream()
                            .flatMap(description -> description.partitions().stream())
                            .allMatch(partition -> partition.leader() != null
                                    && !partition.leader().isEmpty());
                    if (led) {
                        return;
                    }
                } catch (ExecutionException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("The outage broker was not ready within " + READY, e);
                    }
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the outage broker.", e);
        }
    }

    private static void createIfMissing(Admin admin, String topic) throws ExecutionException, InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Process run(List<String> mainAndArguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"),
                "-cp",
                classpath));
        command.addAll(mainAndArguments);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("broker.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + mainAndArguments.get(0), e);
        }
    }

    private Path config() {
        return home.resolve("server.properties");
    }

    private void writeConfig() throws IOException {
        Map<String, String> settings = Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("log.dirs", home.resolve("data").toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.network.threads", "1"),
                Map.entry("num.io.threads", "2"));
        StringBuilder text = new StringBuilder();
        settings.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(config(), text);
        Files.writeString(
                home.resolve("log4j2.properties"),
                String.join(
                        "\n",
                        "appender.out.type = Console",
                        "appender.out.name = STDOUT",
                        "appender.out.layout.type = PatternLayout",
                        "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                        "rootLogger.level = WARN",
                        "rootLogger.appenderRef.out.ref = STDOUT",
                        ""));
    }

    /**
     * The broker's classpath: resolved once per build by Maven from {@code deploy/local/kafka/pom.xml} into
     * {@code target/outage-broker.classpath}.
     */
    private static String classpath() throws IOException, InterruptedException {
        Path cached = Path.of("target", "outage-broker.classpath").toAbsolutePath();
        if (!Files.isRegularFile(cached) || Files.size(cached) == 0) {
            Path root = Path.of(System.getProperty("autoloop.root", ".."))
                    .toAbsolutePath()
                    .normalize();
            Path log = Path.of("target", "outage-broker-maven.log").toAbsolutePath();
            Process maven = new ProcessBuilder(
                            root.resolve("mvnw").toString(),
                            "-q",
                            "-B",
                            "-f",
                            root.resolve("deploy/local/kafka/pom.xml").toString(),
                            "dependency:build-classpath",
                            "-Dmdep.outputFile=" + cached)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0 || !Files.isRegularFile(cached)) {
                throw new IllegalStateException(
                        "Maven could not resolve the Kafka broker's classpath; see " + log + ".");
            }
        }
        return Files.readString(cached).trim();
    }

    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
