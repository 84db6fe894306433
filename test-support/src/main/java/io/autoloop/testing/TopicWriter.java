package io.autoloop.testing;

import io.autoloop.contracts.Topic;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes test records to a broker: contract records through their {@link Topic}'s serde, or raw bytes. Sends are
 * asynchronous; {@link #flush()} and {@link #close()} wait for every one and fail if one could not be written.
 */
public final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private TopicWriter(String bootstrapServers) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A loaded 2-core machine can stall the broker past the 30 s default; a request that times out client-side is
        // re-sent, which an idempotent producer may then see rejected as out of sequence. Waiting longer keeps test
        // writes to one attempt.
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        // Topics are often written right after they are created: a first batch refused while its partition is still
        // being created is retried, and with more requests in flight the broker may meanwhile take the later batches
        // and then refuse the retry as out of sequence until delivery times out. One request in flight keeps the
        // retry first.
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** A writer to the local stack's broker ({@link LocalStack#KAFKA}). */
    public static TopicWriter localStack() {
        return new TopicWriter(LocalStack.KAFKA);
    }

    /** Writes one record to {@code topic} on the local stack and waits for the broker's acknowledgement. */
    public static <V> void writeOne(Topic<V> topic, String key, V value) {
        try (TopicWriter writer = localStack()) {
            writer.send(topic, key, value);
        }
    }

    /** Sends {@code value} to {@code topic} with {@code key}, written by the topic's contract serde. */
    public <V> void send(Topic<V> topic, String key, V value) {
        sendRaw(topic.name(), key, topic.serde().serialize(topic.name(), value));
    }

    /** Sends {@code value} as it is to the topic {@code name}: for what a contract record cannot be, e.g. bad JSON. */
    public void sendRaw(String name, String key, byte[] value) {
        producer.send(new ProducerRecord<>(name, key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every record sent so far is acknowledged; fails if one sent since the last flush was not written. */
    public void flush() {
        producer.flush();
        Exception failed = failure.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException("A test record could not be written: " + failed.getMessage(), failed);
        }
    }

    /** Waits for every record sent, then closes the producer; fails as {@link #flush()} does. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
