package io.autoloop.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A dead letter on {@code feedback.rejected}: an input that was refused, the service and reason
 * that refused it, and the payload as received (with any user id already pseudonymized).
 */
public record RejectedRecord(
        int schemaVersion,
        String source,
        String appId,
        String reason,
        List<FieldError> errors,
        String payload,
        Instant rejectedAt) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "RejectedRecord";

    public RejectedRecord {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(source, NAME, "source");
        Require.text(reason, NAME, "reason");
        Require.present(rejectedAt, NAME, "rejectedAt");
        errors = List.copyOf(Require.orDefault(errors, List.of()));
    }
}
