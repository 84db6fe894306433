package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.collector.testing.Events;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.privacy.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeTest {

    private static final Instant RECEIVED = Instant.parse("2025-06-01T10:00:00Z");
    private static final String SECRET = "a-test-secret-of-enough-bytes";

    private final Pseudonymizer pseudonymizer = new Pseudonymizer(SECRET);
    private final Intake intake = new Intake(
            new EventsRequestParser(500, 512 * 1024, 32 * 1024),
            new EventValidator(EventRules.DEFAULTS),
            pseudonymizer);

    private IngestBatch read(String body) {
        return intake.read("shop", body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void validEventsArePseudonymizedAndStamped() {
        String body = "{\"events\":[{\"eventId\":\"e1\",\"type\":\"dwell\",\"userId\":\"alice@example.com\","
                + "\"itemId\":\"video-9\",\"decisionId\":\"d-1\",\"value\":0.8,\"context\":{\"page\":\"home\"},"
                + "\"timestamp\":\"2025-06-01T09:59:00Z\",\"sentAt\":\"2025-06-01T09:59:30Z\",\"consent\":false,"
                + "\"appId\":\"forged\",\"receivedAt\":\"2000-01-01T00:00:00Z\"}]}";

        IngestBatch batch = read(body);

        FeedbackEvent event = batch.events().get(0);
        assertThat(event.userId()).isEqualTo(pseudonymizer.pseudonymize("shop", "alice@example.com"));
        assertThat(event.appId()).isEqualTo("shop");
        assertThat(event.receivedAt()).isEqualTo(RECEIVED);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2025-06-01T09:59:30Z"));
        assertThat(event.type()).isEqualTo(EventType.DWELL);
        assertThat(event.value()).isEqualTo(0.8);
        assertThat(event.consent()).isFalse();
        assertThat(event.decisionId()).isEqualTo("d-1");
        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.rejections()).isEmpty();
    }

    @Test
    void rejectedEventsBecomeDeadLettersWithThePseudonymOnly() {
        String body = "{\"events\":[" + Events.click("bob-raw-id").toString()
                + ",{\"eventId\":\"bad\",\"type\":\"rating\",\"userId\":\"carol-raw-id\",\"itemId\":\"i\","
                + "\"timestamp\":\"2025-06-01T09:00:00Z\",\"value\":11}]}";

        IngestBatch batch = intake.read("shop", body.getBytes(StandardCharsets.UTF_8), Instant.now());

        assertThat(batch.events()).hasSize(1);
        IngestBatch.Rejection rejection = batch.rejections().get(0);
        assertThat(rejection.event().index()).isEqualTo(1);
        assertThat(rejection.event().eventId()).isEqualTo("bad");
        assertThat(rejection.type()).isEqualTo(EventType.RATING);
        RejectedRecord deadLetter = rejection.deadLetter();
        assertThat(deadLetter.source()).isEqualTo("feedback-collector");
        assertThat(deadLetter.reason()).isEqualTo("validation");
        assertThat(deadLetter.appId()).isEqualTo("shop");
        assertThat(deadLetter.errors()).isEqualTo(rejection.event().errors());
        assertThat(deadLetter.payload())
                .doesNotContain("carol-raw-id")
                .contains(pseudonymizer.pseudonymize("shop", "carol-raw-id"))
                .contains("\"value\":11");
    }

    @Test
    void aUserIdOfTheWrongTypeIsPseudonymizedToo() {
        String payload = intake.pseudonymizedPayload("shop", Events.parse("{\"userId\":{\"email\":\"dave@x.org\"}}"));

        assertThat(payload)
                .doesNotContain("dave@x.org")
                .contains(pseudonymizer.pseudonymize("shop", "{\"email\":\"dave@x.org\"}"));
    }

    @Test
    void anEventThatIsNotAnObjectKeepsNoPayload() {
        IngestBatch batch = read("{\"events\":[\"erin-raw-id\"]}");

        assertThat(batch.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.deadLetter().payload()).isNull();
            assertThat(rejection.type()).isNull();
        });
    }

    @Test
    void aValidEventRepeatingAnEventIdOfTheRequestIsADuplicateAndTheFirstOccurrenceWins() {
        // given: ids a, b, a, c, b, an invalid d and a valid d (the first d is refused: a click carries no value)
        List<String> ids = List.of("a", "b", "a", "c", "b", "d", "d");
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            events.add(Events.click("user-" + i, "i", RECEIVED).put("eventId", ids.get(i)));
        }
        events.get(5).put("value", 1);

        // when
        IngestBatch batch = read(Events.body(events));

        // then
        assertThat(batch.events())
                .extracting(FeedbackEvent::eventId, FeedbackEvent::userId)
                .containsExactly(
                        tuple("a", pseudonymizer.pseudonymize("shop", "user-0")),
                        tuple("b", pseudonymizer.pseudonymize("shop", "user-1")),
                        tuple("c", pseudonymizer.pseudonymize("shop", "user-3")),
                        tuple("d", pseudonymizer.pseudonymize("shop", "user-6")));
        assertThat(batch.duplicates()).extracting(FeedbackEvent::eventId).containsExactly("a", "b");
        assertThat(batch.rejections())
                .extracting(rejection -> rejection.event().index())
                .containsExactly(5);
        assertThat(batch.size()).isEqualTo(7);
    }
}
