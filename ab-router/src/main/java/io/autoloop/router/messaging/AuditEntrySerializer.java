package io.autoloop.router.messaging;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.json.JsonSerde;

/** Writes a {@link AuditEntry} as contract JSON for the Kafka connector. */
public class AuditEntrySerializer extends JsonSerde<AuditEntry> {

    public AuditEntrySerializer() {
        super(AuditEntry.class);
    }
}
