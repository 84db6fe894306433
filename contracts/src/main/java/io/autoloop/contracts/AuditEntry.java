package io.autoloop.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * One admin action or rollout decision, published on {@code audit.log} keyed by {@code subject}
 * (e.g. an experiment id), with the numbers that justified it in {@code details}.
 */
public record AuditEntry(
        int schemaVersion,
        String id,
        Instant at,
        String service,
        String actor,
        String subject,
        String action,
        String reason,
        Map<String, Object> details) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "AuditEntry";

    public AuditEntry {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(id, NAME, "id");
        Require.present(at, NAME, "at");
        Require.text(service, NAME, "service");
        Require.text(actor, NAME, "actor");
        Require.text(subject, NAME, "subject");
        Require.text(action, NAME, "action");
        details = Map.copyOf(Require.orDefault(details, Map.of()));
    }
}
