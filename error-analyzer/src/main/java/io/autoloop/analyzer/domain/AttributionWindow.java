package io.autoloop.analyzer.domain;

import java.time.Duration;

/**
 * The event-time rules that decide when feedback counts for a decision and when its labels are final.
 *
 * <p>For a decision served at {@code S}: feedback whose event time is before {@code S + window} is attributed
 * to it (feedback stamped before {@code S} is accepted as clock skew); its labels become final and are emitted
 * once the feedback input has come to {@code S + window + grace} (see {@link EventClock}), so feedback may arrive
 * up to {@code grace} out of order. The analyzer then remembers the closed decision until
 * {@code S + 2 × (window + grace)}, which covers every feedback event that is not already too old on arrival: it is
 * counted {@code late} instead of {@code unknown-decision}, and a repeated decision is recognised instead of being
 * labelled twice. Feedback waits for its decision until the decisions have come to {@code eventTime + window +
 * grace}. All times are epoch milliseconds.
 */
public record AttributionWindow(Duration window, Duration grace) {

    public AttributionWindow {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "The attribution window must be a positive duration, but it is " + window + ".");
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException(
                    "The attribution grace must be zero or positive, but it is " + grace + ".");
        }
    }

    /** Whether feedback at {@code eventTime} falls inside the window of a decision served at {@code servedAt}. */
    public boolean attributable(long servedAt, long eventTime) {
        return eventTime < servedAt + window.toMillis();
    }

    /** When the labels of a decision served at {@code servedAt} become final. */
    public long closesAt(long servedAt) {
        return servedAt + span();
    }

    /** When the analyzer forgets a decision served at {@code servedAt}. */
    public long forgetsAt(long servedAt) {
        return servedAt + 2 * span();
    }

    /**
     * When feedback at {@code eventTime} stops waiting for its decision: by then every decision it could belong
     * to has arrived in time or is itself too late.
     */
    public long stopsWaitingAt(long eventTime) {
        return eventTime + span();
    }

    /**
     * How long, on the feedback clock, a task remembers the (appId, eventId) of a feedback event after taking it: the
     * window plus the grace. By then every decision served up to the feedback clock of the event's first arrival has
     * closed, so a repeat that comes later is {@code late} for it and changes no label; a decision served after that
     * (feedback stamped before its decision) knows the eventIds it holds itself.
     */
    public Duration eventIdRetention() {
        return Duration.ofMillis(span());
    }

    private long span() {
        return window.toMillis() + grace.toMillis();
    }
}
