package io.autoloop.loadgen;

import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.contracts.privacy.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code --body feedback-events[:N]}: bodies of {@code POST /v1/events} with N (default 100) valid events
 * each, and, for the Kafka baseline, the {@code FeedbackEvent} records the collector publishes for them
 * (user id pseudonymized with the development secret, keyed by it, app {@code demo}).
 *
 * <p>Event ids are unique per run (a random run id, the body's sequence number and the event's position),
 * so nothing is a duplicate. Users come from a pool of 100,000 and items from 10,000; the type mix is 70 %
 * impressions, 20 % clicks, 5 % dwell, 3 % ratings, 2 % conversions, with values in their ranges; each
 * event happened up to a minute before it is sent and carries a small context.
 */
public final class FeedbackEvents implements GeneratorFactory {

    static final String APP_ID = "demo";
    static final String DEV_SECRET = "autoloop-dev-pseudonymization-secret";
    private static final int USERS = 100_000;
    private static final int ITEMS = 10_000;
    private static final String[] PAGES = {"home", "search", "detail", "feed"};

    @Override
    public String name() {
        return "feedback-events";
    }

    @Override
    public String description() {
        return "feedback-events[:N]  bodies of POST /v1/events with N valid events (default 100); Kafka records too";
    }

    @Override
    public BodyGenerator bodies(String argument, long seed) {
        Events events = new Events(count(argument), seed);
        return new BodyGenerator() {
            @Override
            public byte[] body(long sequence) {
                return events.json(sequence, Instant.now());
            }

            @Override
            public int eventsPerBody() {
                return events.perBody;
            }
        };
    }

    @Override
    public RecordGenerator records(String argument, long seed) {
        Events events = new Events(count(argument), seed);
        Pseudonymizer pseudonymizer = new Pseudonymizer(DEV_SECRET);
        return (topic, sequence) -> events.records(topic, sequence, Instant.now(), pseudonymizer);
    }

    private static int count(String argument) {
        if (argument == null || argument.isBlank()) {
            return 100;
        }
        int count = Integer.parseInt(argument.trim());
        if (count < 1) {
            throw new IllegalArgumentException("feedback-events:N needs N of at least 1, but it is " + count + ".");
        }
        return count;
    }

    /** One event's fields, drawn deterministically from the run seed and its position. */
    private record Event(
            String eventId, EventType type, String userId, String itemId, Double value, Instant timestamp, int slot) {}

    /** The deterministic source of events of one run. */
    static final class Events {

        private final int perBody;
        private final long seed;
        private final String runId;

        Events(int perBody, long seed) {
            this.perBody = perBody;
            this.seed = seed;
            this.runId = Long.toHexString(new SplittableRandom(seed ^ System.nanoTime()).nextLong());
        }

        private List<Event> batch(long sequence, Instant sentAt) {
            SplittableRandom random = new SplittableRandom(seed * 31 + sequence);
            List<Event> events = new ArrayList<>(perBody);
            for (int i = 0; i < perBody; i++) {
                int draw = random.nextInt(100);
                EventType type = draw < 70
                        ? EventType.IMPRESSION
                        : draw < 90
                                ? EventType.CLICK
                                : draw < 95 ? EventType.DWELL : draw < 98 ? EventType.RATING : EventType.CONVERSION;
                Double value = switch (type) {
                    case DWELL -> Math.round(random.nextDouble() * 1000) / 1000.0;
                    case RATING -> (double) (1 + random.nextInt(5));
                    case CONVERSION -> Math.round(random.nextDouble() * 10_000) / 100.0;
                    default -> null;
                };
                events.add(new Event(
                        runId + "-" + sequence + "-" + i,
                        type,
                        "user-" + random.nextInt(USERS),
                        "item-" + random.nextInt(ITEMS),
                        value,
                        sentAt.minusMillis(random.nextInt(60_000)),
                        random.nextInt(20)));
            }
            return events;
        }

        byte[] json(long sequence, Instant sentAt) {
            StringBuilder json = new StringBuilder(perBody * 260).append("{\"events\":[");
            String sent = sentAt.toString();
            List<Event> events = batch(sequence, sentAt);
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                json.append(i == 0 ? "{" : ",{")
                        .append("\"eventId\":\"")
                        .append(event.eventId())
                        .append("\",\"type\":\"")
                        .append(event.type().wireName())
                        .append("\",\"userId\":\"")
                        .append(event.userId())
                        .append("\",\"itemId\":\"")
                        .append(event.itemId())
                        .append("\",\"timestamp\":\"")
                        .append(event.timestamp())
                        .append("\",\"sentAt\":\"")
                        .append(sent)
                        .append('"');
                if (event.value() != null) {
                    json.append(",\"value\":").append(event.value());
                }
                json.append(",\"context\":{\"page\":\"")
                        .append(PAGES[event.slot() % PAGES.length])
                        .append("\",\"slot\":")
                        .append(event.slot())
                        .append("}}");
            }
            return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        }

        List<ProducerRecord<String, byte[]>> records(
                String topic, long sequence, Instant receivedAt, Pseudonymizer pseudonymizer) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(perBody);
            for (Event event : batch(sequence, receivedAt)) {
                String pseudonym = pseudonymizer.pseudonymize(APP_ID, event.userId());
                FeedbackEvent record = new FeedbackEvent(
                        FeedbackEvent.SCHEMA_VERSION,
                        event.eventId(),
                        event.type(),
                        pseudonym,
                        event.itemId(),
                        null,
                        event.timestamp(),
                        receivedAt,
                        event.value(),
                        Map.of("page", PAGES[event.slot() % PAGES.length], "slot", (long) event.slot()),
                        true,
                        APP_ID,
                        receivedAt,
                        event.timestamp());
                records.add(new ProducerRecord<>(topic, pseudonym, ContractJson.write(record)));
            }
            return records;
        }
    }
}
