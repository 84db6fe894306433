package io.autoloop.collector.domain;

import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.RejectedRecord;
import java.time.Instant;
import java.util.List;

/**
 * One request after validation and pseudonymization, ready to be published: the valid events as
 * {@link FeedbackEvent}s (user id already pseudonymized, {@code appId}, {@code receivedAt} and {@code eventTime}
 * stamped) in request order, the valid events that repeat an {@code eventId} earlier in the request (dropped: the
 * first occurrence wins), and the refused ones with their dead letters.
 *
 * @param size how many events the request carried, valid or not
 */
public record IngestBatch(
        String appId,
        Instant receivedAt,
        int size,
        List<FeedbackEvent> events,
        List<FeedbackEvent> duplicates,
        List<Rejection> rejections) {

    /**
     * A refused event: what the client is told, its type when it named a known one (for metrics), and the
     * dead letter for {@code feedback.rejected}.
     */
    public record Rejection(RejectedEvent event, EventType type, RejectedRecord deadLetter) {}

    public IngestBatch {
        events = List.copyOf(events);
        duplicates = List.copyOf(duplicates);
        rejections = List.copyOf(rejections);
    }

    /** The dead letters of the refused events. */
    public List<RejectedRecord> deadLetters() {
        return rejections.stream().map(Rejection::deadLetter).toList();
    }
}
