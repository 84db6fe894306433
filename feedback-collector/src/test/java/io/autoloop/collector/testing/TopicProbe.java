package io.autoloop.collector.testing;

import java.time.Duration;
import java.time.Instant;
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
 * Reads what a test wrote to a topic: remembers the end of every partition when opened (or the beginning),
 * and {@link #readToEnd()} returns the records between that mark and the partitions' current end. A 202
 * means Kafka acknowledged, so everything a request wrote is below the end read afterwards.
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration GUARD = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    private TopicProbe(String bootstrap, String topic, boolean fromBeginning) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(settings);
        this.partitions = consumer.partitionsFor(topic, GUARD).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(partition -> consumer.position(partition, GUARD));
    }

    /** A probe that will read what is written to {@code topic} from now on. */
    public static TopicProbe fromNow(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic, false);
    }

    /** A probe that reads {@code topic} from its first record. */
    public static TopicProbe fromBeginning(String bootstrap, String topic) {
        return new TopicProbe(bootstrap, topic, true);
    }

    /** The records from the mark (or the previous read) up to the current end of every partition. */
    public List<ConsumerRecord<String, byte[]>> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, GUARD);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(GUARD);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Could not read " + partitions + " up to " + end + " within " + GUARD);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
