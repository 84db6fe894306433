package io.autoloop.collector.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.InvalidEvents;
import io.autoloop.collector.testing.Metrics;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.testing.Offsets;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class EventsResourceTest {

    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer("autoloop-dev-pseudonymization-secret");
    private static final TopicReader<byte[]> EVENTS = TopicReader.raw(Topics.FEEDBACK_EVENTS.name());
    private static final TopicReader<RejectedRecord> REJECTED = TopicReader.of(Topics.FEEDBACK_REJECTED);

    private static Map<String, FeedbackEvent> byEventId(List<TopicRecord<byte[]>> records) {
        return records.stream()
                .map(EventsResourceTest::event)
                .collect(Collectors.toMap(FeedbackEvent::eventId, Function.identity(), (a, b) -> {
                    throw new AssertionError("eventId " + a.eventId() + " was published twice");
                }));
    }

    @Test
    void anAcceptedEventLandsOnFeedbackEventsPseudonymizedAndSkewCorrected() {
        // given: a client whose clock is one hour fast sends a dwell event 5 s after it happened
        String rawUser = "user-" + UUID.randomUUID();
        Instant clientNow = Instant.now().plus(1, ChronoUnit.HOURS);
        ObjectNode event = Events.click(rawUser, "video-7", clientNow.minusSeconds(5))
                .put("type", "dwell")
                .put("value", 0.75)
                .put("decisionId", "decision-1")
                .put("sentAt", clientNow.toString());
        event.putObject("context").put("page", "home").put("slot", 2);

        Offsets start = EVENTS.endOffsets();

        // when
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.post(Events.body(List.of(event)))
                .statusCode(202)
                .contentType("application/json")
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(0))
                .body("rejected", empty());
        Instant after = Instant.now();

        // then
        List<TopicRecord<byte[]>> records = EVENTS.readToEnd(start).stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8)
                        .contains(event.get("eventId").textValue()))
                .toList();
        assertThat(records).hasSize(1);
        TopicRecord<byte[]> record = records.get(0);
        String pseudonym = PSEUDONYMS.pseudonymize("demo", rawUser);
        assertThat(record.key()).isEqualTo(pseudonym);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(rawUser);
        FeedbackEvent published = event(record);
        assertThat(published.userId()).isEqualTo(pseudonym);
        assertThat(published.appId()).isEqualTo("demo");
        assertThat(published.type()).isEqualTo(EventType.DWELL);
        assertThat(published.value()).isEqualTo(0.75);
        assertThat(published.decisionId()).isEqualTo("decision-1");
        assertThat(published.context()).containsEntry("page", "home").containsEntry("slot", 2);
        assertThat(published.receivedAt()).isBetween(before, after);
        assertThat(published.eventTime()).isEqualTo(published.receivedAt().minusSeconds(5));
        assertThat(published.timestamp()).isEqualTo(clientNow.minusSeconds(5));
        assertThat(published.trainable()).isTrue();
    }

    @Test
    void aRepeatWithinARequestIsCountedAndDroppedAndARepeatInALaterRequestIsPublishedAgain() {
        ObjectNode a = Events.click("user-a");
        ObjectNode b = Events.click("user-b");
        ObjectNode d = Events.click("user-d");
        Offsets start = EVENTS.endOffsets();

        // when: d twice in one request (the second copy names another user), then a and b, then a again
        Api.post(Events.body(List.of(d, d.deepCopy().put("userId", "other"))))
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(1));
        Api.post(Events.body(List.of(a, b))).statusCode(202).body("accepted", equalTo(2));
        Api.post(Events.body(List.of(a)))
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(0));

        // then: d once, as its first copy said; a twice (at-least-once: the error-analyzer drops the repeat)
        Set<String> ours = Set.of(id(a), id(b), id(d));
        List<FeedbackEvent> published = EVENTS.readToEnd(start).stream()
                .map(EventsResourceTest::event)
                .filter(event -> ours.contains(event.eventId()))
                .toList();
        assertThat(published.stream().collect(Collectors.groupingBy(FeedbackEvent::eventId, Collectors.counting())))
                .containsOnly(entry(id(d), 1L), entry(id(a), 2L), entry(id(b), 1L));
        assertThat(published)
                .filteredOn(event -> event.eventId().equals(id(d)))
                .singleElement()
                .extracting(FeedbackEvent::userId)
                .isEqualTo(PSEUDONYMS.pseudonymize("demo", "user-d"));
    }

    @Test
    void invalidEventsAreReportedByIndexAndKeptOnFeedbackRejected() {
        String rawUser = "rejected-user-" + UUID.randomUUID();
        ObjectNode valid = Events.click("user-ok");
        ObjectNode invalid = Events.click(rawUser).put("type", "rating").put("value", 9);

        Offsets start = REJECTED.endOffsets();

        Api.post(Events.body(List.of(valid, invalid)))
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].eventId", equalTo(id(invalid)))
                .body("rejected[0].errors[0].field", equalTo("events[1].value"))
                .body("rejected[0].errors[0].message", containsString("1 to 5"));

        List<RejectedRecord> deadLetters = REJECTED.readToEnd(start).stream()
                .map(TopicRecord::value)
                .filter(deadLetter ->
                        deadLetter.payload() != null && deadLetter.payload().contains(id(invalid)))
                .toList();
        assertThat(deadLetters).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.source()).isEqualTo("feedback-collector");
            assertThat(deadLetter.appId()).isEqualTo("demo");
            assertThat(deadLetter.reason()).isEqualTo("validation");
            assertThat(deadLetter.errors()).extracting("field").containsExactly("events[1].value");
            assertThat(deadLetter.payload()).doesNotContain(rawUser).contains(PSEUDONYMS.pseudonymize("demo", rawUser));
        });
    }

    @Test
    void eventsWithoutConsentAreKeptWithTheFlag() {
        ObjectNode event = Events.click("user-no-consent").put("consent", false);

        Offsets start = EVENTS.endOffsets();

        Api.post(Events.body(List.of(event))).statusCode(202).body("accepted", equalTo(1));

        assertThat(byEventId(EVENTS.readToEnd(start)).get(id(event)).trainable())
                .isFalse();
    }

    static List<Arguments> wholeRequestProblems() {
        String valid = Events.body(List.of(Events.click("u")));
        String tooMany = Events.body(
                IntStream.range(0, 501).mapToObj(i -> Events.click("u")).toList());
        String hugeEvent = Events.body(List.of(Events.click("u").put("pad", "x".repeat(33 * 1024))));
        String hugeBody = Events.body(IntStream.range(0, 20)
                .mapToObj(i -> Events.click("u").put("pad", "x".repeat(30 * 1024)))
                .toList());
        String contextOf100kKeys = Events.bodyOfRaw(InvalidEvents.event(
                "click",
                IntStream.range(0, 100_000)
                        .mapToObj(i -> "\"k" + i + "\":" + i)
                        .collect(Collectors.joining(",", "\"context\":{", "}"))));
        String contextOf100kB =
                Events.bodyOfRaw(InvalidEvents.event("click", "\"context\":{\"s\":\"" + "s".repeat(100_000) + "\"}"));
        String nestedBeyondTheParser = Events.bodyOfRaw(
                InvalidEvents.event("click", "\"context\":{\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
        return List.of(
                Arguments.of("no API key", null, "application/json", valid, 401, "$"),
                Arguments.of("unknown API key", "Bearer not-a-key", "application/json", valid, 401, "$"),
                Arguments.of("Basic instead of Bearer", "Basic ZGVtbzprZXk=", "application/json", valid, 401, "$"),
                Arguments.of("text/plain", "Bearer " + Api.DEMO_KEY, "text/plain", valid, 415, "$"),
                Arguments.of("application/xml", "Bearer " + Api.DEMO_KEY, "application/xml", valid, 415, "$"),
                Arguments.of("not JSON", "Bearer " + Api.DEMO_KEY, "application/json", "{events: [}", 400, "$"),
                Arguments.of(
                        "duplicated key",
                        "Bearer " + Api.DEMO_KEY,
                        "application/json",
                        "{\"events\":[{\"type\":\"click\",\"type\":\"rating\"}]}",
                        400,
                        "events[0].type"),
                Arguments.of(
                        "no events array",
                        "Bearer " + Api.DEMO_KEY,
                        "application/json",
                        "{\"event\":{}}",
                        400,
                        "events"),
                Arguments.of(
                        "empty events", "Bearer " + Api.DEMO_KEY, "application/json", "{\"events\":[]}", 400, "events"),
                Arguments.of("501 events", "Bearer " + Api.DEMO_KEY, "application/json", tooMany, 400, "events"),
                Arguments.of(
                        "event over 32 KiB", "Bearer " + Api.DEMO_KEY, "application/json", hugeEvent, 413, "events[0]"),
                Arguments.of("body over 512 KiB", "Bearer " + Api.DEMO_KEY, "application/json", hugeBody, 413, "$"),
                Arguments.of(
                        "a context of 100,000 keys",
                        "Bearer " + Api.DEMO_KEY,
                        "application/json",
                        contextOf100kKeys,
                        413,
                        "$"),
                Arguments.of(
                        "a context string of 100 KB",
                        "Bearer " + Api.DEMO_KEY,
                        "application/json",
                        contextOf100kB,
                        413,
                        "events[0]"),
                Arguments.of(
                        "nesting beyond the parser's depth",
                        "Bearer " + Api.DEMO_KEY,
                        "application/json",
                        nestedBeyondTheParser,
                        400,
                        "$"));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("wholeRequestProblems")
    void wholeRequestProblemsAnswerAProblemDetail(
            String name, String authorization, String contentType, String body, int status, String field) {
        var request = given().contentType(contentType).body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        var answer = request.post("/v1/events")
                .then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("instance", equalTo("/v1/events"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
        if (status == 401) {
            answer.header("WWW-Authenticate", startsWith("Bearer"));
        }
        if (status == 400 || status == 413) {
            answer.body("errors.field", hasItems(field));
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryAnswer() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/events'.post.responses.keySet()",
                        hasItems("202", "400", "401", "413", "415", "429", "503"))
                .body("paths.'/v1/events'.post.responses.'503'.headers.keySet()", hasItems("Retry-After"))
                .body(
                        "paths.'/v1/events'.post.requestBody.content.'application/json'.schema.'$ref'",
                        containsString("EventsRequest"));
    }

    @Test
    void metricsCountEventsByTypeAndOutcome() {
        double acceptedBefore = Metrics.value("autoloop_events_accepted_total", "type=\"impression\"");
        double rejectedBefore = Metrics.value("autoloop_events_rejected_total", "type=\"unknown\"");
        double requestsBefore = Metrics.value("autoloop_ingest_request_seconds_count", "status=\"202\"");

        Api.post(Events.body(List.of(
                        Events.click("m").put("type", "impression"),
                        Events.click("m").put("type", "swipe"))))
                .statusCode(202);

        assertThat(Metrics.value("autoloop_events_accepted_total", "type=\"impression\""))
                .isEqualTo(acceptedBefore + 1);
        assertThat(Metrics.value("autoloop_events_rejected_total", "type=\"unknown\""))
                .isEqualTo(rejectedBefore + 1);
        assertThat(Metrics.value("autoloop_ingest_request_seconds_count", "status=\"202\""))
                .isEqualTo(requestsBefore + 1);
        assertThat(Metrics.value("autoloop_kafka_send_seconds_count", "outcome=\"acked\""))
                .isPositive();
    }

    private static FeedbackEvent event(TopicRecord<byte[]> record) {
        return Topics.FEEDBACK_EVENTS.serde().deserialize(Topics.FEEDBACK_EVENTS.name(), record.value());
    }

    private static String id(ObjectNode event) {
        return event.get("eventId").textValue();
    }
}
