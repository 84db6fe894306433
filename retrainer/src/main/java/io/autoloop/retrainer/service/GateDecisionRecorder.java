package io.autoloop.retrainer.service;

import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Keeps the record of every gate decision: consumes a {@link GateDecision} and produces the count
 * {@code autoloop.models.gate{outcome,reason}}, its place among the registry's latest decisions
 * ({@code GET /v1/models/candidates}), one log line with the numbers (its MDC fields in the JSON log) and an entry on
 * {@code audit.log}; {@link GateReport} writes the line and the entry.
 */
@ApplicationScoped
public class GateDecisionRecorder {

    private static final Logger LOG = Logger.getLogger(GateDecisionRecorder.class);

    private final TrainerMonitor monitor;
    private final ModelRegistry registry;
    private final TrainerEvents events;

    public GateDecisionRecorder(TrainerMonitor monitor, ModelRegistry registry, TrainerEvents events) {
        this.monitor = monitor;
        this.registry = registry;
        this.events = events;
    }

    /** Counts, keeps, logs and audits {@code decision}. */
    void record(GateDecision decision) {
        monitor.gate(decision);
        registry.recordGateDecision(decision);
        log(decision);
        events.audit(GateReport.auditEntry(decision, UUID.randomUUID().toString()));
    }

    private static void log(GateDecision decision) {
        Map<String, String> fields = GateReport.mdc(decision);
        fields.forEach(MDC::put);
        try {
            if (decision.published()) {
                LOG.info(GateReport.logLine(decision));
            } else {
                LOG.warn(GateReport.logLine(decision));
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }
}
