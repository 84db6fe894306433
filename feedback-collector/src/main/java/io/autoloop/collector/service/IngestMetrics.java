package io.autoloop.collector.service;

import io.autoloop.collector.domain.IngestBatch;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The collector's Micrometer meters: events by outcome ({@code autoloop.events.accepted}, {@code .duplicate},
 * {@code .rejected}, {@code .rate-limited}, each tagged {@code type}, with {@code type=unknown} for an event
 * without a valid type), requests whose rate limit this replica decided by itself because Redis could not be asked
 * ({@code autoloop.ratelimit.local}, tagged {@code cause=redis-failed|circuit-open}; the circuit's own state is
 * SmallRye Fault Tolerance's {@code ft.circuitbreaker.*}, tagged {@code method=rate-limit}), the request latency
 * ({@code autoloop.ingest.request}, tagged {@code status}) and the Kafka send latency ({@code autoloop.kafka.send},
 * tagged {@code outcome=acked|failed}).
 */
@ApplicationScoped
public class IngestMetrics {

    private static final String UNKNOWN = "unknown";

    /** {@code cause} of {@code autoloop.ratelimit.local}: the Redis call failed or timed out. */
    static final String REDIS_FAILED = "redis-failed";

    /** {@code cause} of {@code autoloop.ratelimit.local}: the circuit was open, Redis was not called. */
    static final String CIRCUIT_OPEN = "circuit-open";

    private static final EventType[] TYPES = EventType.values();

    /** The outcomes an event can have, each one counter per type. */
    enum Outcome {
        ACCEPTED("autoloop.events.accepted", "Events published to feedback.events and acknowledged by Kafka"),
        DUPLICATE(
                "autoloop.events.duplicate",
                "Events dropped because an earlier event of the request has their eventId"),
        REJECTED("autoloop.events.rejected", "Events refused by validation and sent to feedback.rejected"),
        RATE_LIMITED("autoloop.events.rate-limited", "Events of requests refused by the rate limit");

        final String meter;
        final String description;

        Outcome(String meter, String description) {
            this.meter = meter;
            this.description = description;
        }
    }

    private final MeterRegistry registry;
    private final Map<Outcome, Map<EventType, Counter>> byType = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> unknownType = new EnumMap<>(Outcome.class);
    private final Map<String, Counter> limitedLocally = new HashMap<>();
    private final Timer kafkaAcked;
    private final Timer kafkaFailed;
    private final Map<Integer, Timer> requestTimers = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            Map<EventType, Counter> counters = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                counters.put(type, counter(outcome, type.wireName()));
            }
            byType.put(outcome, counters);
            unknownType.put(outcome, counter(outcome, UNKNOWN));
        }
        for (String cause : List.of(REDIS_FAILED, CIRCUIT_OPEN)) {
            limitedLocally.put(
                    cause,
                    Counter.builder("autoloop.ratelimit.local")
                            .description("Requests whose rate limit this replica decided by itself, Redis not asked")
                            .tag("cause", cause)
                            .register(registry));
        }
        this.kafkaAcked = kafkaTimer("acked");
        this.kafkaFailed = kafkaTimer("failed");
    }

    private Counter counter(Outcome outcome, String type) {
        return Counter.builder(outcome.meter)
                .description(outcome.description)
                .tag("type", type)
                .register(registry);
    }

    private Timer kafkaTimer(String outcome) {
        return Timer.builder("autoloop.kafka.send")
                .description("Time from handing a request's records to the producer until Kafka acknowledged all")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    void accepted(List<FeedbackEvent> events) {
        add(Outcome.ACCEPTED, tally(events, FeedbackEvent::type));
    }

    void duplicates(IngestBatch batch) {
        add(Outcome.DUPLICATE, tally(batch.duplicates(), FeedbackEvent::type));
    }

    void rejected(IngestBatch batch) {
        add(Outcome.REJECTED, tally(batch.rejections(), IngestBatch.Rejection::type));
    }

    void rateLimited(IngestBatch batch) {
        add(Outcome.RATE_LIMITED, tally(batch.events(), FeedbackEvent::type));
        add(Outcome.RATE_LIMITED, tally(batch.duplicates(), FeedbackEvent::type));
        add(Outcome.RATE_LIMITED, tally(batch.rejections(), IngestBatch.Rejection::type));
    }

    /** Counts a request whose rate limit this replica decided by itself, for {@code cause}: a constant above. */
    void limitedLocally(String cause) {
        limitedLocally.get(cause).increment();
    }

    void kafkaSend(Duration duration, boolean acked) {
        (acked ? kafkaAcked : kafkaFailed).record(duration);
    }

    /** Records the latency of one {@code POST /v1/events} answered with {@code status}. */
    public void request(int status, Duration duration) {
        requestTimers
                .computeIfAbsent(
                        status,
                        code -> Timer.builder("autoloop.ingest.request")
                                .description("Latency of POST /v1/events, from the request's arrival until its answer")
                                .tag("status", Integer.toString(code))
                                .publishPercentileHistogram()
                                .register(registry))
                .record(duration);
    }

    /** How many of {@code items} have each type, by ordinal; the last slot counts those without a valid type. */
    private static <T> int[] tally(List<T> items, Function<T, EventType> typeOf) {
        int[] counts = new int[TYPES.length + 1];
        for (T item : items) {
            EventType type = typeOf.apply(item);
            counts[type == null ? TYPES.length : type.ordinal()]++;
        }
        return counts;
    }

    /** Adds a request's tally to the outcome's counters: one increment per type rather than per event. */
    private void add(Outcome outcome, int[] counts) {
        Map<EventType, Counter> counters = byType.get(outcome);
        for (int i = 0; i < TYPES.length; i++) {
            if (counts[i] > 0) {
                counters.get(TYPES[i]).increment(counts[i]);
            }
        }
        if (counts[TYPES.length] > 0) {
            unknownType.get(outcome).increment(counts[TYPES.length]);
        }
    }
}
