package io.autoloop.collector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.Metrics;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.RedisUnreachableProfile;
import io.autoloop.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With Redis unreachable, events are still accepted (at-least-once) and counted as not de-duplicated. */
@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
class RedisDownTest {

    @Test
    void eventsAreAcceptedWithoutDeduplicationAndCounted() {
        ObjectNode event = Events.click("user-redis-down");
        String eventId = event.get("eventId").textValue();
        double notDeduplicated = Metrics.value("autoloop_events_not_deduplicated_total", "stage=\"lookup\"");
        double unlimited = Metrics.value("autoloop_ratelimit_unavailable_total", "");

        TopicReader<byte[]> events = TopicReader.raw(Topics.FEEDBACK_EVENTS.name());
        Offsets start = events.endOffsets();

        // when: the same event is sent twice while nothing can tell it was seen
        Api.post(Events.body(List.of(event))).statusCode(202).body("accepted", equalTo(1));
        Api.post(Events.body(List.of(event))).statusCode(202).body("accepted", equalTo(1));

        // then: both copies are on the topic, and the metrics say so
        long copies = events.readToEnd(start).stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(eventId))
                .count();
        assertThat(copies).isEqualTo(2);
        assertThat(Metrics.value("autoloop_events_not_deduplicated_total", "stage=\"lookup\""))
                .isEqualTo(notDeduplicated + 2);
        assertThat(Metrics.value("autoloop_ratelimit_unavailable_total", "")).isEqualTo(unlimited + 2);
    }
}
