package io.autoloop.collector.domain;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an accepted request: how many events were published and acknowledged, how many repeated an
 * {@code eventId} earlier in the same request (dropped; repeats across requests are published and the error-analyzer
 * drops them), and every refused event with its index and errors.
 */
public record IngestResult(
        @Schema(description = "Events published to feedback.events and acknowledged by Kafka.")
        int accepted,

        @Schema(
                description = "Events dropped because an earlier event of the same request has their eventId."
                        + " Repeats across requests are accepted again (feedback.events is at-least-once);"
                        + " the error-analyzer drops them, so each event is trained on once.")
        int duplicates,

        @Schema(description = "Refused events by index, each with its errors; kept on feedback.rejected.")
        List<RejectedEvent> rejected) {

    public IngestResult {
        rejected = List.copyOf(rejected);
    }
}
