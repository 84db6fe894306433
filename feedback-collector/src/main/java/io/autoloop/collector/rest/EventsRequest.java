package io.autoloop.collector.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /v1/events} as documented in OpenAPI; the resource reads the body itself (to report
 * errors per event and to detect duplicated keys), so this record only describes it.
 */
@Schema(name = "EventsRequest", description = "1 to 500 events; at most 512 KiB per request and 32 KiB per event.")
public record EventsRequest(
        @Schema(required = true, minItems = 1, maxItems = 500)
        List<Event> events) {

    /** One event as an app sends it; the collector adds appId, receivedAt and eventTime. */
    @Schema(name = "FeedbackEventInput", description = "What a user did with an item, as the app reports it.")
    public record Event(
            @Schema(
                    required = true,
                    maxLength = 128,
                    description = "Client-chosen unique id (e.g. a UUID): the idempotency key.")
            String eventId,

            @Schema(
                    required = true,
                    enumeration = {"impression", "click", "rating", "dwell", "conversion"})
            String type,

            @Schema(
                    required = true,
                    maxLength = 128,
                    description = "The app's user id; pseudonymized at ingest, never stored raw.")
            String userId,

            @Schema(required = true, maxLength = 128) String itemId,

            @Schema(maxLength = 128, description = "The ab-router decision this feedback answers.")
            String decisionId,

            @Schema(
                    required = true,
                    format = "date-time",
                    description = "When it happened, on the client's clock; within 30 days back and 24 h ahead.")
            String timestamp,

            @Schema(
                    format = "date-time",
                    description = "When the client sent it, on the same clock; corrects clock skew.")
            String sentAt,

            @Schema(
                    description =
                            "rating: whole number 1–5; dwell: completion 0–1; conversion: amount ≥ 0; none for impression and click.")
            Double value,

            @Schema(description = "Up to 50 keys with string, number or boolean values.")
            Map<String, Object> context,

            @Schema(defaultValue = "true", description = "false: kept for reporting, never trained on.")
            Boolean consent) {}
}
