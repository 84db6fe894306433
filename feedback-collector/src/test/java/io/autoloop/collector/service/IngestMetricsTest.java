package io.autoloop.collector.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.collector.domain.IngestBatch;
import io.autoloop.collector.domain.RejectedEvent;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events are counted by outcome and type, one counter per pair, whatever the mix of a request. */
class IngestMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void aMixedRequestIsCountedPerType() {
        // when
        metrics.accepted(
                List.of(event("a", EventType.CLICK), event("b", EventType.IMPRESSION), event("c", EventType.CLICK)));
        metrics.accepted(List.of(event("d", EventType.CLICK)));
        metrics.duplicates(new IngestBatch(
                "shop",
                NOW,
                2,
                List.of(event("e", EventType.RATING)),
                List.of(event("e", EventType.RATING)),
                List.of()));

        // then
        assertThat(count("autoloop.events.accepted", "click")).isEqualTo(3);
        assertThat(count("autoloop.events.accepted", "impression")).isEqualTo(1);
        assertThat(count("autoloop.events.accepted", "rating")).isZero();
        assertThat(count("autoloop.events.duplicate", "rating")).isEqualTo(1);
        assertThat(count("autoloop.events.duplicate", "click")).isZero();
    }

    @Test
    void refusedEventsWithoutAKnownTypeCountAsUnknown() {
        // given: a request of five events, a dwell, its repeat and three refused, two of them without a known type
        IngestBatch batch = new IngestBatch(
                "shop",
                NOW,
                5,
                List.of(event("a", EventType.DWELL)),
                List.of(event("a", EventType.DWELL)),
                List.of(rejection(EventType.CONVERSION), rejection(null), rejection(null)));

        // when
        metrics.rejected(batch);
        metrics.rateLimited(batch);

        // then
        assertThat(count("autoloop.events.rejected", "conversion")).isEqualTo(1);
        assertThat(count("autoloop.events.rejected", "unknown")).isEqualTo(2);
        assertThat(count("autoloop.events.rejected", "dwell")).isZero();
        assertThat(count("autoloop.events.rate-limited", "dwell")).isEqualTo(2);
        assertThat(count("autoloop.events.rate-limited", "conversion")).isEqualTo(1);
        assertThat(count("autoloop.events.rate-limited", "unknown")).isEqualTo(2);
    }

    @Test
    void requestsLimitedLocallyAreCountedByCause() {
        // when
        metrics.limitedLocally(IngestMetrics.REDIS_FAILED);
        metrics.limitedLocally(IngestMetrics.CIRCUIT_OPEN);
        metrics.limitedLocally(IngestMetrics.CIRCUIT_OPEN);

        // then
        assertThat(registry.get("autoloop.ratelimit.local")
                        .tag("cause", "redis-failed")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("autoloop.ratelimit.local")
                        .tag("cause", "circuit-open")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    private double count(String meter, String type) {
        return registry.get(meter).tag("type", type).counter().count();
    }

    private static FeedbackEvent event(String eventId, EventType type) {
        return new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                eventId,
                type,
                "pseudonym",
                "item",
                null,
                NOW,
                null,
                null,
                Map.of(),
                true,
                "shop",
                NOW,
                NOW);
    }

    private static IngestBatch.Rejection rejection(EventType type) {
        return new IngestBatch.Rejection(new RejectedEvent(0, null, List.of()), type, null);
    }
}
