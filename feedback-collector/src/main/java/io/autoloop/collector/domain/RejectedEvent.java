package io.autoloop.collector.domain;

import io.autoloop.contracts.FieldError;
import java.util.List;

/**
 * An event refused by validation: its index in the request, its {@code eventId} when it had a textual one
 * (else null), and every rule it broke.
 */
public record RejectedEvent(int index, String eventId, List<FieldError> errors) implements CheckedEvent {

    public RejectedEvent {
        errors = List.copyOf(errors);
    }
}
