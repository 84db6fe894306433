package io.autoloop.analyzer.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN only when Kafka Streams has failed for good (ERROR or PENDING_ERROR: its threads died), so a restart can
 * help; waiting for Kafka or its topics is not a reason to be restarted. Reads a state, never blocks.
 */
@Liveness
@ApplicationScoped
public class KafkaStreamsLivenessCheck implements HealthCheck {

    private final KafkaStreams streams;

    KafkaStreamsLivenessCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        return HealthCheckResponse.named("Kafka Streams threads")
                .status(!failed)
                .withData("state", state.name())
                .build();
    }
}
