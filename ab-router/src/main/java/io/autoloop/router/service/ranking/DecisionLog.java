package io.autoloop.router.service.ranking;

import io.autoloop.contracts.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Hands each {@link Decision} to the {@code decisions} channel ({@code serving.decisions}, keyed by decision id)
 * without waiting: the emitter buffers up to {@code mp.messaging.emitter.default-buffer-size} decisions while Kafka is
 * slow or down. A full buffer drops the decision and a failed write is counted ({@code autoloop.decisions.dropped},
 * {@code autoloop.decisions.failed}); neither reaches the ranking request.
 */
@ApplicationScoped
class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);

    private final Emitter<Decision> emitter;
    private final Counter logged;
    private final Counter failed;
    private final Counter dropped;

    DecisionLog(
            @Channel("decisions") @OnOverflow(OnOverflow.Strategy.BUFFER) Emitter<Decision> emitter,
            MeterRegistry meters) {
        this.emitter = emitter;
        this.logged = meters.counter("autoloop.decisions.logged");
        this.failed = meters.counter("autoloop.decisions.failed");
        this.dropped = meters.counter("autoloop.decisions.dropped");
    }

    /** Queues {@code decision} for Kafka; never blocks and never throws. */
    void log(Decision decision) {
        Message<Decision> message = Message.of(decision)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(decision.decisionId())
                        .build())
                .withAck(() -> {
                    logged.increment();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    failed.increment();
                    LOG.debugf("Decision %s was not logged: %s", decision.decisionId(), failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            dropped.increment();
            LOG.debugf("Decision %s was dropped: %s", decision.decisionId(), e.getMessage());
        }
    }
}
