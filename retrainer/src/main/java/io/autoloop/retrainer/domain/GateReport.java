package io.autoloop.retrainer.domain;

import io.autoloop.contracts.AuditEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link GateDecision} is reported: consumes the decision and produces its {@code audit.log} entry, its log line
 * and the MDC fields the JSON log carries with that line.
 */
public final class GateReport {

    /**
     * This service's name: the {@code service} of its audit entries, the {@code source} of its dead letters, and the
     * actor of the candidates it proposes itself (the initial version and scheduled candidates).
     */
    public static final String SERVICE = "retrainer";

    private GateReport() {}

    /**
     * The audit entry of {@code decision}, subject the model: action {@code model-published} or
     * {@code candidate-rejected}, the gate's reason, and the numbers in its details.
     *
     * @param id the entry's unique id
     */
    public static AuditEntry auditEntry(GateDecision decision, String id) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", decision.version());
        if (decision.lineage() != null) {
            details.put("lineage", decision.lineage().id());
            details.put("lineageName", decision.lineage().name());
        }
        putIfPresent(details, "parent", decision.parent());
        putIfPresent(details, "champion", decision.champion());
        details.put("trigger", decision.trigger());
        details.put("samplesSeen", decision.samplesSeen());
        details.put("holdoutSamples", decision.holdoutSamples());
        details.put("candidateLogLoss", decision.candidateLogLoss());
        details.put("championLogLoss", decision.championLogLoss());
        details.put("standardError", decision.standardError());
        details.put("margin", decision.margin());
        details.put("predictionSpread", decision.predictionSpread());
        details.put("detail", decision.detail());
        return new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                id,
                decision.at(),
                SERVICE,
                decision.actor(),
                decision.model(),
                decision.published() ? "model-published" : "candidate-rejected",
                decision.reason().wireName(),
                details);
    }

    /**
     * The log line of {@code decision}, e.g. {@code Published ctr 0.5.0 (schedule, within-margin): Over 5000 ...} or
     * {@code Rejected the candidate ctr 0.5.0 (forced): worse-than-champion Over 5000 ...}.
     */
    public static String logLine(GateDecision decision) {
        if (decision.published()) {
            return "Published " + decision.model() + " " + decision.version() + " (" + decision.trigger() + ", "
                    + decision.reason().wireName() + "): " + decision.detail();
        }
        return "Rejected the candidate " + decision.model() + " " + decision.version() + " (" + decision.trigger()
                + "): " + decision.reason().wireName() + " " + decision.detail();
    }

    /**
     * The MDC fields logged with the line: {@code model}, {@code candidateVersion}, {@code gateOutcome},
     * {@code gateReason}, {@code candidateLogLoss} and {@code championLogLoss}.
     */
    public static Map<String, String> mdc(GateDecision decision) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model", decision.model());
        fields.put("candidateVersion", decision.version());
        fields.put("gateOutcome", decision.outcome());
        fields.put("gateReason", decision.reason().wireName());
        fields.put("candidateLogLoss", Double.toString(decision.candidateLogLoss()));
        fields.put("championLogLoss", Double.toString(decision.championLogLoss()));
        return fields;
    }

    private static void putIfPresent(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
