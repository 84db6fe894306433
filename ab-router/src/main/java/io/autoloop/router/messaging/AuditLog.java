package io.autoloop.router.messaging;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Transition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes every experiment transition as an {@link AuditEntry} on the {@code audit} channel ({@code audit.log},
 * keyed by experiment id), with the numbers behind it. The experiment's history in Redis holds the same entries, so
 * an audit write that fails is counted ({@code autoloop.audit.failed}) and logged, not retried.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final String SERVICE = "ab-router";

    private final Emitter<AuditEntry> emitter;
    private final Counter failed;

    public AuditLog(
            @Channel("audit") @OnOverflow(OnOverflow.Strategy.BUFFER) Emitter<AuditEntry> emitter,
            MeterRegistry meters) {
        this.emitter = emitter;
        this.failed = meters.counter("autoloop.audit.failed");
    }

    /** Publishes {@code transition} of {@code experiment}. */
    public void record(Experiment experiment, Transition transition) {
        Map<String, Object> details = new LinkedHashMap<>(transition.numbers());
        details.put("model", experiment.model());
        details.put("champion", experiment.champion());
        details.put("challenger", experiment.challenger());
        details.put(
                "from", transition.from() == null ? "none" : transition.from().name());
        details.put("to", transition.to().name());
        details.put("fromWeight", transition.fromWeight());
        details.put("toWeight", transition.toWeight());
        details.put("revision", experiment.revision());
        publish(new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                transition.at(),
                SERVICE,
                transition.actor(),
                experiment.id(),
                "experiment." + transition.action().name().toLowerCase(Locale.ROOT),
                transition.reason(),
                details));
    }

    /** Publishes an entry about a model rather than an experiment, e.g. adopting a first champion. */
    public void recordModel(String model, String action, String actor, String reason, Map<String, Object> details) {
        publish(new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                Instant.now(),
                SERVICE,
                actor,
                "model:" + model,
                action,
                reason,
                details));
    }

    private void publish(AuditEntry entry) {
        try {
            emitter.send(Message.of(entry)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(entry.subject())
                            .build())
                    .withNack(failure -> {
                        failed.increment();
                        LOG.warnf("Audit entry %s (%s) was not written: %s", entry.id(), entry.action(), failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warnf("Audit entry %s (%s) was dropped: %s", entry.id(), entry.action(), e.getMessage());
        }
    }
}
