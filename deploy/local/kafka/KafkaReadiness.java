import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Readiness helper of the local stack: reads the topic list ({@code name partitions [key=value,...]} per line),
 * and, in one JVM, waits for the broker, creates the missing topics ({@code ensure} only), and produces one record
 * with {@code acks=all} to {@value #PROBE_TOPIC}. The broker counts as ready once that write is acknowledged.
 *
 * <p>Usage: {@code java -cp <kafka classpath> KafkaReadiness ensure|check <bootstrap> <topics file> <timeout seconds>}.
 * Exit code 0 when ready, 1 when not ready within the timeout, 2 on bad usage.
 */
public final class KafkaReadiness {

    static final String PROBE_TOPIC = "autoloop.stack.probe";

    record TopicSpec(String name, int partitions, Map<String, String> configs) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !Set.of("ensure", "check").contains(args[0])) {
            System.err.println("Usage: KafkaReadiness ensure|check <bootstrap> <topics file> <timeout seconds>");
            System.exit(2);
        }
        boolean create = args[0].equals("ensure");
        String bootstrap = args[1];
        List<TopicSpec> wanted = readTopics(Path.of(args[2]));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));

        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        adminProps.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(adminProps)) {
            if (!awaitCluster(admin, deadline)) {
                System.err.println("Kafka at " + bootstrap + " did not answer metadata requests in time.");
                System.exit(1);
            }
            if (create) {
                createMissing(admin, wanted);
            }
            report(admin, wanted);
        }
        if (!probe(bootstrap, deadline)) {
            System.exit(1);
        }
    }

    static List<TopicSpec> readTopics(Path file) throws Exception {
        List<TopicSpec> topics = new ArrayList<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException(
                        "Line '" + raw + "' of " + file + " must read: name partitions [key=value,...].");
            }
            Map<String, String> configs = new LinkedHashMap<>();
            if (parts.length == 3) {
                for (String kv : parts[2].split(",")) {
                    String[] pair = kv.split("=", 2);
                    if (pair.length != 2) {
                        throw new IllegalArgumentException("Config '" + kv + "' of topic " + parts[0]
                                + " in " + file + " must read key=value.");
                    }
                    configs.put(pair[0], pair[1]);
                }
            }
            topics.add(new TopicSpec(parts[0], Integer.parseInt(parts[1]), configs));
        }
        return topics;
    }

    static boolean awaitCluster(Admin admin, long deadline) throws InterruptedException {
        while (true) {
            try {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(250);
            }
        }
    }

    static void createMissing(Admin admin, List<TopicSpec> wanted) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : wanted) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                        .configs(spec.configs()));
            }
        }
        if (!existing.contains(PROBE_TOPIC)) {
            missing.add(new NewTopic(PROBE_TOPIC, Optional.of(1), Optional.empty()));
        }
        if (missing.isEmpty()) {
            return;
        }
        for (var result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get();
                System.out.println("  created " + result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    static void report(Admin admin, List<TopicSpec> wanted) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<String> present = wanted.stream().map(TopicSpec::name).filter(existing::contains).toList();
        Map<String, TopicDescription> described = new HashMap<>(admin.describeTopics(present).allTopicNames().get());
        for (TopicSpec spec : wanted) {
            TopicDescription description = described.get(spec.name());
            if (description == null) {
                System.out.printf("  %-22s missing%n", spec.name());
                continue;
            }
            int actual = description.partitions().size();
            String note = actual == spec.partitions() ? "" : "  (expected " + spec.partitions() + ")";
            System.out.printf("  %-22s partitions=%d%s%n", spec.name(), actual, note);
        }
    }

    static boolean probe(String bootstrap, long deadline) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaProducer<String, String> producer = new KafkaProducer<>(props);
        try {
            while (true) {
                try {
                    RecordMetadata written = producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe",
                                    String.valueOf(System.currentTimeMillis())))
                            .get(6, TimeUnit.SECONDS);
                    System.out.println("  probe write acknowledged: " + PROBE_TOPIC + "-" + written.partition()
                            + " offset " + written.offset());
                    return true;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("Kafka at " + bootstrap + " did not acknowledge a write to "
                                + PROBE_TOPIC + " in time: " + e.getMessage());
                        return false;
                    }
                    Thread.sleep(250);
                }
            }
        } finally {
            producer.close(Duration.ofSeconds(2));
        }
    }
}
