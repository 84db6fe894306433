package io.autoloop.retrainer.messaging;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.retrainer.config.RetrainerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the retrainer writes to Kafka: {@code ModelVersion}s on {@code model.versions} (keyed by model name),
 * {@code AuditEntry}s on {@code audit.log} (keyed by subject) and {@code RejectedRecord}s on
 * {@code feedback.rejected}, with one idempotent producer ({@code acks=all}).
 *
 * <p>Announcements wait for the broker's acknowledgement. Audit entries and dead letters are sent asynchronously;
 * {@link #flush()} waits for them and fails if one was lost, so the trainer checkpoints past a record only once its
 * dead letter is stored.
 */
@ApplicationScoped
public class TrainerEvents {

    private final Producer<String, byte[]> producer;
    private final Duration sendTimeout;
    private final AtomicReference<Exception> lostSend = new AtomicReference<>();

    @Inject
    public TrainerEvents(RetrainerConfig config) {
        this(producer(config), config.kafka().sendTimeout());
    }

    /** Events written with {@code producer}; tests give a {@code MockProducer}. */
    public TrainerEvents(Producer<String, byte[]> producer, Duration sendTimeout) {
        this.producer = producer;
        this.sendTimeout = sendTimeout;
    }

    private static Producer<String, byte[]> producer(RetrainerConfig config) {
        int timeoutMs = (int) config.kafka().sendTimeout().toMillis();
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        config.kafka().bootstrapServers(),
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "retrainer-" + config.modelName(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        timeoutMs,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        Math.max(1000, timeoutMs / 2),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        timeoutMs + 10,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        4 * 1024 * 1024),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * Announces a published version on {@code model.versions} and waits for the acknowledgement.
     *
     * @throws IllegalStateException when Kafka did not acknowledge within {@code retrainer.kafka.send-timeout}
     */
    public void announce(ModelVersion version) {
        ProducerRecord<String, byte[]> record = record(Topics.MODEL_VERSIONS, version.name(), version);
        try {
            producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while announcing " + version.version() + ".", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not acknowledge the announcement of " + version.name() + " " + version.version() + " on "
                            + Topics.MODEL_VERSIONS.name() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Sends an audit entry on {@code audit.log}, keyed by its subject. */
    public void audit(AuditEntry entry) {
        send(record(Topics.AUDIT_LOG, entry.subject(), entry));
    }

    /** Sends a dead letter on {@code feedback.rejected}, keyed by the model name. */
    public void deadLetter(String model, RejectedRecord rejected) {
        send(record(Topics.FEEDBACK_REJECTED, model, rejected));
    }

    /**
     * Waits until every record sent so far is acknowledged.
     *
     * @throws IllegalStateException if one of them could not be written
     */
    public void flush() {
        producer.flush();
        Exception lost = lostSend.getAndSet(null);
        if (lost != null) {
            throw new IllegalStateException(
                    "An audit entry or dead letter could not be written to Kafka: " + lost.getMessage(), lost);
        }
    }

    private void send(ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                lostSend.compareAndSet(null, exception);
            }
        });
    }

    private static <V> ProducerRecord<String, byte[]> record(Topic<V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), key, topic.serde().serialize(topic.name(), value));
    }

    @PreDestroy
    void close() {
        producer.close(sendTimeout);
    }
}
