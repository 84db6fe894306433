package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.collector.testing.Events;
import io.autoloop.contracts.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadPseudonymizerTest {

    private static final String APP = "shop";

    private final Pseudonymizer pseudonymizer = new Pseudonymizer("a-test-secret-of-enough-bytes");
    private final PayloadPseudonymizer payloads = new PayloadPseudonymizer(pseudonymizer);

    private String pseudonym(String text) {
        return pseudonymizer.pseudonymize(APP, text);
    }

    private JsonNode payload(String event) {
        return Events.parse(payloads.payload(APP, Events.parse(event)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId", "user_id", "userid", "USER-ID", "uid", "email", "e_mail", "Phone", "customerId"})
    void aPersonalFieldIsPseudonymizedWhateverItsSpelling(String field) {
        // given a refused event that carries a raw id under a known personal name
        JsonNode payload = payload("{\"eventId\":\"e1\",\"" + field + "\":\"raw-1\"}");

        // then its dead letter holds the pseudonym instead, and the rest as sent
        assertThat(payload.get(field).textValue()).isEqualTo(pseudonym("raw-1"));
        assertThat(payload.get("eventId").textValue()).isEqualTo("e1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"profile\":{\"user_id\":\"raw-1\"}}|/profile/user_id",
                "{\"extra\":[{\"uid\":\"raw-1\"}]}|/extra/0/uid",
                "{\"context\":{\"email\":\"raw-1\"}}|/context/email"
            })
    void aPersonalFieldIsFoundAtAnyDepth(String event, String pointer) {
        assertThat(payload(event).at(pointer).textValue()).isEqualTo(pseudonym("raw-1"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "u-42|true",
                "7f1c9a3e-1b2d-4c5e-8f90-123456789abc|true",
                "+33 6 12 34 56 78|true",
                "home|false",
                "front page|false",
                "top 3 picks|false"
            })
    void aContextStringIsPseudonymizedWhenItLooksLikeAnId(String value, boolean looksLikeAnId) {
        JsonNode payload = payload("{\"context\":{\"customer\":\"" + value + "\"}}");

        assertThat(payload.at("/context/customer").textValue()).isEqualTo(looksLikeAnId ? pseudonym(value) : value);
    }

    @ParameterizedTest
    @CsvSource({"33612345678,true", "123456,true", "12345,false", "3,false"})
    void aWholeNumberInContextIsPseudonymizedFromSixDigits(long number, boolean pseudonymized) {
        JsonNode payload = payload("{\"context\":{\"account\":" + number + "}}");

        if (pseudonymized) {
            assertThat(payload.at("/context/account").textValue()).isEqualTo(pseudonym(Long.toString(number)));
        } else {
            assertThat(payload.at("/context/account").longValue()).isEqualTo(number);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "mailto:alice@example.com", "write to alice@example.com today"})
    void aStringHoldingAnEmailAddressIsPseudonymizedAnywhere(String text) {
        JsonNode payload = payload("{\"note\":\"" + text + "\",\"type\":\"" + text + "\"}");

        assertThat(payload.get("note").textValue()).isEqualTo(pseudonym(text));
        assertThat(payload.get("type").textValue()).isEqualTo(pseudonym(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@", "@home", "a @ b.c", "price: 5 @ 2.50", "v1.2@3"})
    void textWithAnAtSignThatIsNoAddressStays(String text) {
        assertThat(PayloadPseudonymizer.containsEmail(text)).isFalse();
    }

    @Test
    void aKeyThatIsAnEmailAddressIsPseudonymized() {
        JsonNode payload = payload("{\"context\":{\"alice@example.com\":true}}");

        assertThat(payload.get("context").has("alice@example.com")).isFalse();
        assertThat(payload.get("context").get(pseudonym("alice@example.com")).booleanValue())
                .isTrue();
    }

    @Test
    void whatExplainsTheRefusalIsKeptAsSent() {
        String event = "{\"eventId\":\"e1\",\"type\":\"rating\",\"itemId\":\"video-9\",\"value\":11,"
                + "\"timestamp\":\"2025-06-01T09:00:00Z\",\"context\":{\"page\":\"home\",\"slot\":3,\"new\":true}}";

        assertThat(payload(event)).isEqualTo(Events.parse(event));
    }
}
