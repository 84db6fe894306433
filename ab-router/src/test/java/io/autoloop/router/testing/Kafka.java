package io.autoloop.router.testing;

import io.autoloop.contracts.Topic;
import io.autoloop.testing.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against the local stack's broker, for tests that publish and read contract records. */
public final class Kafka {

    private Kafka() {}

    /** Sends {@code value} to {@code topic} with {@code key} and waits for the broker's acknowledgement. */
    public static <V> void send(Topic<V> topic, String key, V value) {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                topic.serde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic.name(), e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code wanted} records match, or {@code timeout} passes. */
    public static <V> List<ConsumerRecord<String, V>> read(
            Topic<V> topic, Predicate<ConsumerRecord<String, V>> match, int wanted, Duration timeout) {
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalStack.KAFKA,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "ab-router-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                topic.serde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < wanted && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
