package io.autoloop.analyzer;

import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.testing.LocalStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logmanager.LogContext;

/** Writes and reads the analyzer's topics on the local stack's broker, and the Kafka Streams settings of the service. */
public final class Broker {

    private Broker() {}

    /**
     * Logs at INFO, as the service does: outside Quarkus the JBoss LogManager on the classpath starts unconfigured and
     * would format every debug and trace message of Kafka's clients.
     */
    public static void logAtInfo() {
        LogContext.getSystemLogContext().getLogger("").setLevel(Level.INFO);
    }

    /** A writer of contract JSON records to the local stack's broker; closing it waits for every write. */
    public static Writer writer() {
        return new Writer(new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalStack.KAFKA,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        20,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        // A loaded 2-core machine can stall the broker past the 30 s default; a request that
                        // times out client-side is re-sent, which an idempotent producer may then see rejected
                        // as out of sequence. Waiting longer keeps test writes to one attempt.
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        120_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        300_000,
                        // The topics are created just before: a first batch refused while its partition is still
                        // being created is retried, and with more requests in flight the broker may meanwhile take
                        // the later batches and then refuse the retry as out of sequence until delivery times out
                        // (seen in CI). One request in flight keeps the retry first.
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new StringSerializer(),
                new ByteArraySerializer()));
    }

    /** Sends records asynchronously and fails on {@link #flush()} or {@link #close()} if any write failed. */
    public static final class Writer implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        private Writer(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        /** Sends {@code value} as contract JSON. */
        public void send(String topic, String key, Object value) {
            producer.send(new ProducerRecord<>(topic, key, ContractJson.write(value)), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }

        /** Waits for every write so far; throws if one failed. */
        public void flush() {
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("A test record could not be written: " + failure.get(), failure.get());
            }
        }

        @Override
        public void close() {
            try {
                flush();
            } finally {
                producer.close();
            }
        }
    }

    /**
     * Sends {@code decisions} decisions of {@code traffic} with their feedback to {@code topics}, each decision before
     * its feedback; answers how many feedback events were sent.
     */
    public static long sendTraffic(TopicNames topics, Traffic traffic, int decisions) {
        long events = 0;
        try (Writer writer = writer()) {
            for (int i = 0; i < decisions; i++) {
                Decision decision = traffic.decision(i);
                writer.send(topics.decisions(), decision.decisionId(), decision);
                for (FeedbackEvent event : traffic.feedback(i)) {
                    writer.send(topics.feedback(), event.userId(), event);
                    events++;
                }
            }
        }
        return events;
    }

    /** A consumer of {@code topic}'s committed records, assigned every partition from its beginning. */
    public static KafkaConsumer<String, byte[]> committedReader(String topic, int maxPollRecords) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalStack.KAFKA,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        maxPollRecords),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Reads the committed records of {@code topic} from its beginning until {@code done} holds for what was read or
     * {@code timeout} passes, then keeps reading for {@code settle} to catch any record beyond that point.
     */
    public static <T> List<KeyedRecord<T>> readCommitted(
            String topic, Class<T> type, Predicate<List<KeyedRecord<T>>> done, Duration timeout, Duration settle) {
        List<KeyedRecord<T>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = committedReader(topic, 5000)) {
            Instant deadline = Instant.now().plus(timeout);
            Instant settled = null;
            while (Instant.now().isBefore(settled == null ? deadline : settled)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new KeyedRecord<>(record.key(), ContractJson.read(record.value(), type)));
                }
                if (settled == null && done.test(records)) {
                    settled = Instant.now().plus(settle);
                }
            }
        }
        return records;
    }

    /**
     * Waits until the consumer group {@code applicationId} has committed offsets at the end of every partition of
     * {@code topics}: Kafka Streams has then processed all their records (and, under exactly-once, committed what it
     * wrote to its repartition topics in the same transactions, so those records come before anything sent later).
     */
    public static void awaitConsumed(String applicationId, List<String> topics, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(partition ->
                                    ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get();
                boolean consumed = end.entrySet().stream().allMatch(entry -> {
                    OffsetAndMetadata offset = committed.get(entry.getKey());
                    return entry.getValue() == 0 || (offset != null && offset.offset() >= entry.getValue());
                });
                if (consumed) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the offsets of " + applicationId + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + applicationId + ".", e);
        }
        throw new IllegalStateException(applicationId + " did not consume " + topics + " within " + timeout + ".");
    }

    /** The sum over the partitions of {@code topic} of the offsets committed by {@code applicationId}. */
    public static long committed(String applicationId, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA))) {
            return admin
                    .listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .entrySet()
                    .stream()
                    .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset())
                    .sum();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the offsets of " + applicationId + ".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the offsets of " + applicationId + ".", e);
        }
    }

    /**
     * Sends, for each of the six partitions, a decision for a user whose id lands on that partition and a feedback
     * event for it, both stamped {@code at}: once everything before them is consumed, they move both event clocks of
     * every attribution task to {@code at} and close every window that ends before. Their own labels never become
     * final unless later records come, so they emit nothing.
     */
    public static void sendSentinels(Writer writer, TopicNames topics, Instant at) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int partition = 0; partition < 6; partition++) {
            String userId = null;
            for (int n = 0; userId == null; n++) {
                String candidate = "sentinel-" + run + "-" + n;
                byte[] key = candidate.getBytes(StandardCharsets.UTF_8);
                if (Utils.toPositive(Utils.murmur2(key)) % 6 == partition) {
                    userId = candidate;
                }
            }
            Decision sentinel = new Decision(
                    Decision.SCHEMA_VERSION,
                    userId,
                    userId,
                    null,
                    Arm.CHAMPION,
                    null,
                    at,
                    List.of(new ServedItem("sentinel", 1, 0.0, 1.0, Map.of())));
            writer.send(topics.decisions(), sentinel.decisionId(), sentinel);
            writer.send(
                    topics.feedback(),
                    userId,
                    new FeedbackEvent(
                            FeedbackEvent.SCHEMA_VERSION,
                            userId,
                            EventType.IMPRESSION,
                            userId,
                            "sentinel",
                            sentinel.decisionId(),
                            at,
                            null,
                            null,
                            Map.of(),
                            true,
                            "sentinel",
                            at,
                            at));
        }
        writer.flush();
    }

    /** A record's key and value. */
    public record KeyedRecord<T>(String key, T value) {}

    /**
     * The {@code kafka-streams.*} settings of application.properties (with their {@code %test} overrides), for
     * running the topology outside Quarkus exactly as the service runs it.
     */
    public static Properties streamsProperties(String applicationId, Path stateDir) {
        Properties file = new Properties();
        try (InputStream in = Broker.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties streams = new Properties();
        for (String profile : List.of("", "%test.")) {
            String prefix = profile + "kafka-streams.";
            file.stringPropertyNames().stream()
                    .filter(name -> name.startsWith(prefix))
                    .forEach(name -> streams.put(name.substring(prefix.length()), file.getProperty(name)));
        }
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA);
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return streams;
    }
}
