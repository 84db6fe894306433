package io.autoloop.analyzer.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while Kafka Streams is RUNNING, i.e. its stores are queryable; DOWN while it waits for its topics,
 * rebalances or restores. (Kafka itself is checked by Quarkus' Kafka readiness check.) Reads a state, never blocks.
 */
@Readiness
@ApplicationScoped
public class KafkaStreamsReadinessCheck implements HealthCheck {

    private final KafkaStreams streams;

    KafkaStreamsReadinessCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("Kafka Streams")
                .status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name())
                .build();
    }
}
