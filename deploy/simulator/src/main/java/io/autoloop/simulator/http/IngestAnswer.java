package io.autoloop.simulator.http;

import io.autoloop.contracts.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * The feedback-collector's 202 answer: events stored, events dropped as repeats of an eventId earlier in the same
 * request, and refused events by index.
 */
public record IngestAnswer(int accepted, int duplicates, List<Rejection> rejected) {

    public IngestAnswer {
        rejected = List.copyOf(Objects.requireNonNullElse(rejected, List.of()));
    }

    /** One refused event of the request and every rule it broke. */
    public record Rejection(int index, String eventId, List<FieldError> errors) {

        public Rejection {
            errors = List.copyOf(Objects.requireNonNullElse(errors, List.of()));
        }
    }
}
