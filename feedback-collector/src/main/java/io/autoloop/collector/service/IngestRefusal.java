package io.autoloop.collector.service;

import java.time.Duration;

/**
 * A request refused as a whole for a reason outside its content: the key's rate limit (429) or Kafka not taking the
 * write in time (503). Nothing of a refused request counts as accepted; {@link #retryAfter()} says when to send it
 * again.
 */
public final class IngestRefusal extends RuntimeException {

    /** The reasons, each with its HTTP status and title. */
    public enum Kind {
        RATE_LIMITED(429, "Too Many Requests"),
        KAFKA_UNAVAILABLE(503, "Service Unavailable");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    private IngestRefusal(Kind kind, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static IngestRefusal rateLimited(int events, int eventsPerSecond, Duration retryAfter) {
        return new IngestRefusal(
                Kind.RATE_LIMITED,
                "This API key may send " + eventsPerSecond + " events per second; the " + events
                        + " events of this request would exceed it. Retry after the time in Retry-After.",
                retryAfter,
                null);
    }

    public static IngestRefusal kafkaUnavailable(Duration retryAfter, Throwable cause) {
        return new IngestRefusal(
                Kind.KAFKA_UNAVAILABLE,
                "Kafka did not acknowledge the events in time, so none of this request was accepted. Send the"
                        + " same request again after the time in Retry-After; an event that Kafka stored before"
                        + " the failure is then published twice, and trained on once.",
                retryAfter,
                cause);
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
