package io.autoloop.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.contracts.privacy.Pseudonymizer;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class FeedbackEventsTest {

    private final GeneratorFactory kind = GeneratorFactory.named("feedback-events");

    @Test
    void bodiesAreJsonWithTheRequestedNumberOfUniqueEvents() throws IOException {
        BodyGenerator bodies = kind.bodies("50", 7);
        Set<String> ids = new HashSet<>();

        for (long sequence = 0; sequence < 3; sequence++) {
            JsonNode events = new ObjectMapper().readTree(bodies.body(sequence)).get("events");
            assertThat(events).hasSize(50);
            events.forEach(event -> ids.add(event.get("eventId").textValue()));
        }

        assertThat(bodies.eventsPerBody()).isEqualTo(50);
        assertThat(ids).hasSize(150);
    }

    @Test
    void recordsAreTheFeedbackEventsTheCollectorWouldPublish() {
        RecordGenerator records = kind.records("10", 7);

        List<ProducerRecord<String, byte[]>> batch = records.records("feedback.events", 0);

        assertThat(batch).hasSize(10).allSatisfy(record -> {
            FeedbackEvent event = ContractJson.read(record.value(), FeedbackEvent.class);
            assertThat(record.topic()).isEqualTo("feedback.events");
            assertThat(record.key()).isEqualTo(event.userId()).hasSize(64);
            assertThat(event.appId()).isEqualTo("demo");
        });
        FeedbackEvent first = ContractJson.read(batch.get(0).value(), FeedbackEvent.class);
        assertThat(first.userId()).isNotEqualTo(new Pseudonymizer(FeedbackEvents.DEV_SECRET).pseudonymize("demo", "x"));
    }

    @Test
    void theDefaultIsOneHundredEventsPerBody() {
        assertThat(kind.bodies(null, 1).eventsPerBody()).isEqualTo(100);
    }
}
