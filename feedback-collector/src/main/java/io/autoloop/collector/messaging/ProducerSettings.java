package io.autoloop.collector.messaging;

import io.autoloop.collector.config.CollectorConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer configuration of the collector: the producer settings among the application's {@code kafka.*}
 * ones (bootstrap servers, security) overlaid with what the delivery guarantee requires (idempotence, {@code acks=all})
 * and the batching and time bounds of {@code collector.producer.*}.
 *
 * <p>{@code delivery.timeout.ms} and {@code max.block.ms} both equal {@code collector.producer.send-timeout}:
 * by the time a request answers 503 the producer has given up on every record of it, so none of them can
 * reach the topic later and the client's retry is the only copy. {@code request.timeout.ms} is the send
 * timeout less {@code linger.ms}, as the producer requires.
 */
public final class ProducerSettings {

    private ProducerSettings() {}

    /** The settings for a producer of string keys and byte-array (JSON) values. */
    public static Map<String, Object> of(Map<String, Object> kafka, CollectorConfig.Producer producer) {
        long sendTimeout = producer.sendTimeout().toMillis();
        long linger = producer.linger().toMillis();
        if (sendTimeout <= linger) {
            throw new IllegalArgumentException("collector.producer.send-timeout (" + producer.sendTimeout()
                    + ") must be longer than collector.producer.linger (" + producer.linger() + ").");
        }
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.keySet().retainAll(ProducerConfig.configNames());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "feedback-collector");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, producer.batchSize());
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, producer.compression());
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) sendTimeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (sendTimeout - linger));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout);
        return settings;
    }
}
