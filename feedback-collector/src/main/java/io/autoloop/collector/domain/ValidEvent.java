package io.autoloop.collector.domain;

import io.autoloop.contracts.EventType;
import java.time.Instant;
import java.util.Map;

/**
 * An event that passed every rule, as the client sent it plus its skew-corrected {@code eventTime}. It still
 * holds the raw {@code userId}: it never leaves the process in this form.
 */
public record ValidEvent(
        int index,
        String eventId,
        EventType type,
        String userId,
        String itemId,
        String decisionId,
        Instant timestamp,
        Instant sentAt,
        Double value,
        Map<String, Object> context,
        boolean consent,
        Instant eventTime)
        implements CheckedEvent {}
