package io.autoloop.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The shared serdes carry a record through the real broker of the local stack unchanged. */
class SerdeOnBrokerTest {

    private static final String BOOTSTRAP = System.getProperty("autoloop.kafka", "127.0.0.1:9092");

    @Test
    void aDecisionProducedWithTheSharedSerdeIsConsumedEqual() throws Exception {
        // Given: a topic of its own on the local broker, named after the decisions topic.
        String topic = Topics.SERVING_DECISIONS.name() + ".serde-test." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Decision sent = RecordExamples.decision();
        JsonSerde<Decision> serde = Topics.SERVING_DECISIONS.serde();

        // When: it is produced with the serde's serializer and read back with its deserializer.
        try (KafkaProducer<String, Decision> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        BOOTSTRAP,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000),
                new StringSerializer(),
                serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, sent.decisionId(), sent)).get();
        }
        List<ConsumerRecord<String, Decision>> received = new ArrayList<>();
        try (KafkaConsumer<String, Decision> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        BOOTSTRAP,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "serde-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                serde.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        // Then: exactly the record that was sent, under its decision id.
        assertThat(received)
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sent.decisionId(), sent));
    }
}
