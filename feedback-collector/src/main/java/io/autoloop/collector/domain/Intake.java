package io.autoloop.collector.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.privacy.Pseudonymizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the body of one {@code POST /v1/events} into an {@link IngestBatch}: parses it, validates every
 * event, sets apart a valid event whose {@code eventId} an earlier valid event of the request has (the first
 * occurrence wins), replaces each user id with its pseudonym (and, in the payload of a dead letter, every piece of
 * personal data, {@link PayloadPseudonymizer}), and stamps
 * {@code appId}, {@code receivedAt} and the skew-corrected {@code eventTime}. Raw user ids stay inside this
 * step; nothing it returns holds one.
 */
public final class Intake {

    /** {@link RejectedRecord#source()} of the collector's dead letters. */
    public static final String SOURCE = "feedback-collector";

    /** {@link RejectedRecord#reason()} of an event that broke a validation rule. */
    public static final String REASON = "validation";

    private final EventsRequestParser parser;
    private final EventValidator validator;
    private final Pseudonymizer pseudonymizer;
    private final PayloadPseudonymizer payloads;

    public Intake(EventsRequestParser parser, EventValidator validator, Pseudonymizer pseudonymizer) {
        this.parser = parser;
        this.validator = validator;
        this.pseudonymizer = pseudonymizer;
        this.payloads = new PayloadPseudonymizer(pseudonymizer);
    }

    /** Reads {@code body}, sent by {@code appId} and received at {@code receivedAt}; throws {@link RequestProblem}. */
    public IngestBatch read(String appId, byte[] body, Instant receivedAt) {
        List<EventsRequestParser.RawEvent> raw = parser.parse(body);
        List<FeedbackEvent> events = new ArrayList<>(raw.size());
        List<FeedbackEvent> duplicates = new ArrayList<>();
        Set<String> eventIds = new HashSet<>(raw.size() * 4 / 3 + 1);
        List<IngestBatch.Rejection> rejections = new ArrayList<>();
        for (EventsRequestParser.RawEvent event : raw) {
            CheckedEvent checked = validator.validate(event.index(), event.json(), receivedAt);
            if (checked instanceof ValidEvent valid) {
                FeedbackEvent accepted = toFeedbackEvent(valid, appId, receivedAt);
                (eventIds.add(valid.eventId()) ? events : duplicates).add(accepted);
            } else if (checked instanceof RejectedEvent rejected) {
                rejections.add(new IngestBatch.Rejection(
                        rejected,
                        EventValidator.typeOf(event.json()),
                        new RejectedRecord(
                                RejectedRecord.SCHEMA_VERSION,
                                SOURCE,
                                appId,
                                REASON,
                                rejected.errors(),
                                pseudonymizedPayload(appId, event.json()),
                                receivedAt)));
            }
        }
        return new IngestBatch(appId, receivedAt, raw.size(), events, duplicates, rejections);
    }

    private FeedbackEvent toFeedbackEvent(ValidEvent valid, String appId, Instant receivedAt) {
        return new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                valid.eventId(),
                valid.type(),
                pseudonymizer.pseudonymize(appId, valid.userId()),
                valid.itemId(),
                valid.decisionId(),
                valid.timestamp(),
                valid.sentAt(),
                valid.value(),
                valid.context(),
                valid.consent(),
                appId,
                receivedAt,
                valid.eventTime());
    }

    /**
     * The refused event as JSON text with its personal data pseudonymized ({@link PayloadPseudonymizer}); null for an
     * event that is not an object, since nothing tells what such a value holds.
     */
    String pseudonymizedPayload(String appId, JsonNode event) {
        return event.isObject() ? payloads.payload(appId, event) : null;
    }
}
