package io.autoloop.collector.messaging;

import io.autoloop.collector.config.CollectorConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** Creates the one Kafka producer of the collector from {@link ProducerSettings} and closes it on shutdown. */
@Singleton
public class ProducerFactory {

    @Produces
    @Singleton
    Producer<String, byte[]> producer(
            @Identifier("default-kafka-broker") Map<String, Object> kafka, CollectorConfig config) {
        Lz4Codec.preferNative();
        return new KafkaProducer<>(ProducerSettings.of(kafka, config.producer()));
    }

    void close(@Disposes Producer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
