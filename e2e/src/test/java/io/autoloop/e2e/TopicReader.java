package io.autoloop.e2e;

import io.autoloop.contracts.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic, from its beginning to the end offsets of the moment, without a consumer group; only committed
 * records ({@code read_committed}), as the services downstream see them.
 */
final class TopicReader {

    /** A record's key and value, and where it sits. */
    record Keyed<V>(String key, V value, int partition, long offset) {}

    private TopicReader() {}

    /** Every record of {@code name}, read with the value type of {@code topic}. */
    static <V> List<Keyed<V>> readAll(String name, Topic<V> topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Loop.kafka());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        var serde = topic.serde();
        List<Keyed<V>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(name, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + name + " to its end within 60 s.");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new Keyed<>(
                            record.key(),
                            serde.deserialize(name, record.value()),
                            record.partition(),
                            record.offset()));
                }
            }
        }
        return records;
    }

    /** The values of {@link #readAll}. */
    static <V> List<V> values(String name, Topic<V> topic) {
        return readAll(name, topic).stream().map(Keyed::value).toList();
    }
}
