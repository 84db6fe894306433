package io.autoloop.testing;

import io.autoloop.contracts.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the records of one topic for a test, without a consumer group: from {@link Offsets} (the end offsets taken
 * before an action, or the beginning) up to the end of the moment, or until enough records match or a deadline
 * passes; values through the contract serde of a {@link Topic}, or as raw bytes. Records without a value (tombstones)
 * are skipped. Each read opens and closes its own consumer, so a reader may be kept and used from any thread.
 *
 * @param <V> the values: a contract record, or {@code byte[]}
 */
public final class TopicReader<V> {

    /** How long {@link #readToEnd} may take before it fails. */
    private static final Duration TO_END = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final Deserializer<V> values;
    private final IsolationLevel isolation;

    private TopicReader(String bootstrapServers, String topic, Deserializer<V> values, IsolationLevel isolation) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.values = values;
        this.isolation = isolation;
    }

    /** A reader of {@code topic} on the local stack, its values read with the topic's contract serde. */
    public static <V> TopicReader<V> of(Topic<V> topic) {
        return new TopicReader<>(LocalStack.KAFKA, topic.name(), topic.serde(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** A reader of the topic {@code name} on the local stack, its values as the bytes that were written. */
    public static TopicReader<byte[]> raw(String name) {
        return new TopicReader<>(LocalStack.KAFKA, name, new ByteArrayDeserializer(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** This reader on the broker at {@code bootstrapServers} instead of the local stack's. */
    public TopicReader<V> on(String bootstrapServers) {
        return new TopicReader<>(bootstrapServers, topic, values, isolation);
    }

    /**
     * This reader, reading only committed records ({@code read_committed}), as the services downstream of a
     * transactional writer see them.
     */
    public TopicReader<V> committedOnly() {
        return new TopicReader<>(bootstrapServers, topic, values, IsolationLevel.READ_COMMITTED);
    }

    /** The end of every partition now: take it before an action to read what the action writes. */
    public Offsets endOffsets() {
        try (TopicAdmin admin = TopicAdmin.on(bootstrapServers)) {
            return admin.endOffsets(topic, isolation);
        }
    }

    /** The beginning of every partition. */
    public Offsets beginningOffsets() {
        try (TopicAdmin admin = TopicAdmin.on(bootstrapServers)) {
            return admin.beginningOffsets(topic);
        }
    }

    /** Every record of the topic, from its beginning to the end offsets of the moment. */
    public List<TopicRecord<V>> readAll() {
        return readToEnd(beginningOffsets());
    }

    /**
     * The records from {@code from} up to the end offsets of the moment of the call: after an action the broker has
     * acknowledged, everything it wrote. Fails when the end is not reached within a minute.
     */
    public List<TopicRecord<V>> readToEnd(Offsets from) {
        Offsets end;
        try (TopicAdmin admin = TopicAdmin.on(bootstrapServers)) {
            end = admin.endOffsets(topic, isolation);
        }
        List<TopicRecord<V>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = openConsumer(from)) {
            Instant deadline = Instant.now().plus(TO_END);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " from " + from.byPartition()
                            + " up to " + end.byPartition() + " within " + TO_END + ".");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    add(record, records);
                }
            }
        }
        return records;
    }

    /**
     * The records from {@code from} that {@code match}, read until {@code count} of them have come or {@code timeout}
     * has passed: what has come by then, for the caller to assert on (more than {@code count} when they arrive
     * together).
     */
    public List<TopicRecord<V>> read(
            Offsets from, Predicate<? super TopicRecord<V>> match, int count, Duration timeout) {
        return read(from, match, count, timeout, Duration.ZERO);
    }

    /**
     * Like {@link #read(Offsets, Predicate, int, Duration)}, and once {@code count} records have come, keeps reading
     * for {@code settle} to catch any matching record beyond them (a duplicate, say).
     */
    public List<TopicRecord<V>> read(
            Offsets from, Predicate<? super TopicRecord<V>> match, int count, Duration timeout, Duration settle) {
        List<TopicRecord<V>> found = new ArrayList<>();
        List<TopicRecord<V>> batch = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = openConsumer(from)) {
            Instant deadline = Instant.now().plus(timeout);
            Instant settled = null;
            while (Instant.now().isBefore(settled == null ? deadline : settled)) {
                batch.clear();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    add(record, batch);
                }
                batch.stream().filter(match).forEach(found::add);
                if (settled == null && found.size() >= count) {
                    settled = Instant.now().plus(settle);
                    if (settle.isZero()) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    /**
     * A consumer of raw records assigned every partition of {@code from} at its offsets, for a caller that handles
     * records as they arrive (a benchmark timing them); the caller closes it.
     */
    public KafkaConsumer<String, byte[]> openConsumer(Offsets from) {
        if (!from.topic().equals(topic)) {
            throw new IllegalArgumentException(
                    "A reader of " + topic + " cannot start from offsets of " + from.topic() + ".");
        }
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = from.byPartition().keySet().stream()
                .map(partition -> new TopicPartition(topic, partition))
                .toList();
        consumer.assign(partitions);
        partitions.forEach(
                partition -> consumer.seek(partition, from.byPartition().get(partition.partition())));
        return consumer;
    }

    private void add(ConsumerRecord<String, byte[]> record, List<TopicRecord<V>> records) {
        if (record.value() != null) {
            records.add(new TopicRecord<>(
                    record.key(), values.deserialize(topic, record.value()), record.partition(), record.offset()));
        }
    }

    private boolean reached(KafkaConsumer<String, byte[]> consumer, Offsets end) {
        for (Map.Entry<Integer, Long> partition : end.byPartition().entrySet()) {
            TopicPartition assigned = new TopicPartition(topic, partition.getKey());
            if (consumer.assignment().contains(assigned) && consumer.position(assigned) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
