package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.InvalidEvents;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FieldError;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

    private static final Instant RECEIVED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final EventValidator validator = new EventValidator(EventRules.DEFAULTS);
    private final EventsRequestParser parser = new EventsRequestParser(500, 512 * 1024, 32 * 1024);

    private CheckedEvent validate(String eventJson) {
        JsonNode json = parser.parse(Events.bodyOfRaw(eventJson).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .get(0)
                .json();
        return validator.validate(0, json, RECEIVED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.autoloop.collector.testing.InvalidEvents#cases")
    void invalidEventIsRejectedNamingTheField(String rule, String event, String field, String message) {
        CheckedEvent checked = validate(event);

        assertThat(checked).isInstanceOf(RejectedEvent.class);
        assertThat(((RejectedEvent) checked).errors()).as("errors of %s", event).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(message);
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "impression, ''",
        "click, ''",
        "rating, '\"value\":1'",
        "rating, '\"value\":5'",
        "rating, '\"value\":4.0'",
        "dwell, '\"value\":0'",
        "dwell, '\"value\":1'",
        "dwell, '\"value\":0.35'",
        "conversion, '\"value\":0'",
        "conversion, '\"value\":1e9'",
        "conversion, '\"value\":19.99'"
    })
    void validValuesOfEachTypePass(String type, String value) {
        CheckedEvent checked = validate(InvalidEvents.event(type, value));

        assertThat(checked).isInstanceOf(ValidEvent.class);
        assertThat(((ValidEvent) checked).type()).isEqualTo(EventType.fromWire(type));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ユーザー42", // Japanese
                "пользователь", // Cyrillic
                "e\u0301te\u0301", // combining accents
                "\uD83D\uDE00\uD83C\uDF89", // emoji (surrogate pairs)
                "a:b/c?d=e&f" // separators of keys and URLs
            })
    void unicodeIdsPassUnchanged(String id) {
        String json = InvalidEvents.event("click", "\"eventId\":\"" + id + "\",\"userId\":\"" + id + "\"");

        ValidEvent valid = (ValidEvent) validate(json);

        assertThat(valid.eventId()).isEqualTo(id);
        assertThat(valid.userId()).isEqualTo(id);
    }

    @Test
    void idsOf128CodePointsPassEvenAsEmoji() {
        String emoji128 = "\uD83D\uDE00".repeat(128);

        CheckedEvent checked = validate(InvalidEvents.event("click", "\"eventId\":\"" + emoji128 + "\""));

        assertThat(checked).isInstanceOf(ValidEvent.class);
    }

    @Test
    void everyBrokenRuleOfOneEventIsReported() {
        RejectedEvent rejected = (RejectedEvent) validate("{\"eventId\":\"e1\",\"type\":\"rating\",\"value\":9,"
                + "\"itemId\":7,\"timestamp\":\"soon\",\"consent\":\"yes\"}");

        assertThat(rejected.eventId()).isEqualTo("e1");
        assertThat(rejected.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "events[0].userId",
                        "events[0].itemId",
                        "events[0].timestamp",
                        "events[0].value",
                        "events[0].consent");
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        ValidEvent valid = (ValidEvent) validate(InvalidEvents.event("click", "\"decisionId\":null,\"context\":null"));

        assertThat(valid.decisionId()).isNull();
        assertThat(valid.sentAt()).isNull();
        assertThat(valid.context()).isEmpty();
        assertThat(valid.consent()).isTrue();
        assertThat(valid.eventTime()).isEqualTo(valid.timestamp());
    }

    @Test
    void consentFalseIsKept() {
        ValidEvent valid = (ValidEvent) validate(InvalidEvents.event("click", "\"consent\":false"));

        assertThat(valid.consent()).isFalse();
    }

    @Test
    void contextKeepsStringsNumbersAndBooleans() {
        ValidEvent valid = (ValidEvent) validate(InvalidEvents.event(
                "click", "\"context\":{\"page\":\"home\",\"slot\":3,\"score\":0.25,\"new\":true,\"big\":1000000000}"));

        assertThat(valid.context())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("page", "home", "slot", 3L, "score", 0.25, "new", true, "big", 1000000000L));
    }

    @Test
    void aHundredContextKeysAreAllowed() {
        StringBuilder context = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            context.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":")
                    .append(i);
        }
        context.append('}');

        CheckedEvent checked = validate(InvalidEvents.event("click", "\"context\":" + context));

        assertThat(checked).isInstanceOf(ValidEvent.class);
    }

    @Test
    void clockSkewIsCorrectedBeforeTheTimeWindowIsChecked() {
        // The client's clock is 3 days ahead: its timestamp alone would be refused, but it sent the event
        // 2 seconds after it happened, so the event happened 2 seconds before it was received.
        Instant clientNow = RECEIVED.plus(3, ChronoUnit.DAYS);
        String json = InvalidEvents.event(
                "click", "\"timestamp\":\"" + clientNow.minusSeconds(2) + "\",\"sentAt\":\"" + clientNow + "\"");

        ValidEvent valid = (ValidEvent) validate(json);

        assertThat(valid.eventTime()).isEqualTo(RECEIVED.minusSeconds(2));
        assertThat(valid.timestamp()).isEqualTo(clientNow.minusSeconds(2));
    }

    @Test
    void timestampsWithOffsetsAreReadAsInstants() {
        ValidEvent valid = (ValidEvent) validate(InvalidEvents.event(
                "click", "\"timestamp\":\"" + RECEIVED.atOffset(java.time.ZoneOffset.ofHours(2)) + "\""));

        assertThat(valid.timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void ratingGivenAsWholeDecimalIsAccepted() {
        ValidEvent valid = (ValidEvent) validate(InvalidEvents.event("rating", "\"value\":4.000"));

        assertThat(BigDecimal.valueOf(valid.value())).isEqualByComparingTo("4");
    }
}
