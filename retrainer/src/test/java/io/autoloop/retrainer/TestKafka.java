package io.autoloop.retrainer;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The local stack's broker for tests: topics, a producer of raw or sample records, and readers of outputs. */
public final class TestKafka implements AutoCloseable {

    private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA));
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    LocalStack.KAFKA,
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.LINGER_MS_CONFIG,
                    5,
                    ProducerConfig.BATCH_SIZE_CONFIG,
                    256 * 1024,
                    // Topics are written right after they are created: with one request in flight, a first batch
                    // refused while its partition is being created is retried before any later batch is taken,
                    // so the broker cannot refuse the retry as out of sequence.
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                    1),
            new StringSerializer(),
            new ByteArraySerializer());

    /** Creates {@code topic} with {@code partitions} partitions. */
    public void createTopic(String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + topic + ".", e);
        }
    }

    /** Deletes {@code topic}, ignoring failures (cleanup). */
    public void deleteTopic(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort: a leftover test topic is harmless.
        }
    }

    /** Sends a sample keyed by its user id. */
    public void send(String topic, LabelledSample sample) {
        send(topic, sample.userId(), Topics.TRAINING_SAMPLES.serde().serialize(topic, sample));
    }

    /** Sends raw bytes. */
    public void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    /** Waits until everything sent is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** The end offset of every partition of {@code topic}: where records written from now on start. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            Set<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toSet());
            return consumer.endOffsets(partitions);
        }
    }

    /**
     * Reads {@code topic} from {@code from} until {@code wanted} records with key {@code key} matching {@code filter}
     * are found or {@code timeout} passes.
     */
    public <V> List<V> read(
            Topic<V> topic,
            Map<TopicPartition, Long> from,
            String key,
            Predicate<V> filter,
            int wanted,
            Duration timeout) {
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        V value = topic.serde().deserialize(topic.name(), record.value());
                        if (filter.test(value)) {
                            found.add(value);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalStack.KAFKA,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
