package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A raw user id reaches neither Kafka (both topics), nor a Redis key, nor a log line; nor does a
 * misnamed user id, an id inside {@code context} or an e-mail address of a refused event reach {@code
 * feedback.rejected}.
 */
@QuarkusTest
class RawUserIdNeverLeavesTest {

    @Inject
    Redis redis;

    /** Keeps every formatted log line of the service while installed on the root logger. */
    private static final class CapturedLogs extends Handler {

        private final Queue<String> lines = new ConcurrentLinkedQueue<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @Test
    void rawUserIdsStayInsideTheCollector() {
        String rawUser = "raw-user-" + UUID.randomUUID();
        ObjectNode accepted = Events.click(rawUser);
        String body = Events.body(List.of(
                accepted,
                Events.click(rawUser).put("type", "rating").put("value", "five"), // rejected: dead letter
                Events.click(rawUser).put("eventId", "") // rejected without an event id
                ));
        CapturedLogs logs = new CapturedLogs();
        logs.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(logs);
        TopicReader<byte[]> events = TopicReader.raw(Topics.FEEDBACK_EVENTS.name());
        TopicReader<byte[]> rejected = TopicReader.raw(Topics.FEEDBACK_REJECTED.name());
        Offsets eventsStart = events.endOffsets();
        Offsets rejectedStart = rejected.endOffsets();
        try {
            // when
            Api.post(body).statusCode(202).body("accepted", equalTo(1));
            Api.post("{\"events\":[{\"userId\":\"" + rawUser + "\",\"userId\":\"x\"}]}")
                    .statusCode(400);

            // then
            List<TopicRecord<byte[]>> written = new java.util.ArrayList<>(events.readToEnd(eventsStart));
            written.addAll(rejected.readToEnd(rejectedStart));
            assertThat(written).hasSizeGreaterThanOrEqualTo(3);
            assertThat(written).allSatisfy(record -> {
                assertThat(record.key() == null ? "" : record.key()).doesNotContain(rawUser);
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(rawUser);
            });
        } finally {
            root.removeHandler(logs);
        }
        var keys = redis.send(Request.cmd(Command.KEYS).arg("*" + rawUser + "*"))
                .await()
                .atMost(Duration.ofSeconds(5));
        assertThat(keys.size()).isZero();
        assertThat(logs.lines).noneMatch(line -> line.contains(rawUser));
    }

    @Test
    void personalDataOfRefusedEventsStaysInsideTheCollector() {
        // given refused events (a rating without a value) with personal data where no userId is expected
        String misnamed = "raw-misnamed-" + UUID.randomUUID();
        String inContext = "raw-ctx-" + UUID.randomUUID();
        String email = "raw." + UUID.randomUUID() + "@example.com";
        ObjectNode misnamedUserId = Events.click("placeholder").put("type", "rating");
        misnamedUserId.remove("userId");
        misnamedUserId.put("user_id", misnamed);
        ObjectNode idInContext = Events.click("u-1").put("type", "rating");
        idInContext.putObject("context").put("customer", inContext).put("page", "home");
        ObjectNode emails = Events.click(email).put("type", "rating").put("buyer", email);
        emails.putObject("context").put("contact", "write to " + email);
        TopicReader<byte[]> rejected = TopicReader.raw(Topics.FEEDBACK_REJECTED.name());
        Offsets start = rejected.endOffsets();

        // when they are sent
        Api.post(Events.body(List.of(misnamedUserId, idInContext, emails)))
                .statusCode(202)
                .body("rejected.size()", equalTo(3));

        // then their three dead letters (found by event id) hold none of it
        List<String> eventIds = Stream.of(misnamedUserId, idInContext, emails)
                .map(event -> event.get("eventId").textValue())
                .toList();
        List<String> deadLetters = rejected.readToEnd(start).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                .filter(value -> eventIds.stream().anyMatch(value::contains))
                .toList();
        assertThat(deadLetters)
                .hasSize(3)
                .allSatisfy(deadLetter -> assertThat(deadLetter).doesNotContain(misnamed, inContext, email));
        assertThat(deadLetters)
                .map(deadLetter -> ContractJson.read(deadLetter.getBytes(StandardCharsets.UTF_8), RejectedRecord.class)
                        .payload())
                .anySatisfy(payload -> assertThat(payload).contains("\"page\":\"home\""));
    }
}
