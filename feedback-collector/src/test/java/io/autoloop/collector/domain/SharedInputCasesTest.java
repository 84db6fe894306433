package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.collector.testing.Events;
import io.autoloop.collector.testing.InvalidEvents;
import io.autoloop.testing.InputCases;
import io.autoloop.testing.InputCases.InputCase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collector's verdict on each of the cases the router is held to as well ({@code InputCases} of test-support): an
 * id the router ranks with is an id the collector takes feedback on, and a value one refuses the other refuses.
 */
class SharedInputCasesTest {

    private static final Instant RECEIVED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final EventsRequestParser parser = new EventsRequestParser(500, 512 * 1024, 128 * 1024);
    private final EventValidator validator = new EventValidator(EventRules.DEFAULTS);

    static List<InputCase> ids() {
        return InputCases.ids();
    }

    static List<InputCase> names() {
        return InputCases.names();
    }

    static List<InputCase> values() {
        return InputCases.values();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void everyIdOfAnEventFollowsTheSharedRule(InputCase id) {
        for (String field : List.of("eventId", "userId", "itemId", "decisionId")) {
            // given an event whose id is the case
            String event = InvalidEvents.event("click", "\"" + field + "\":" + id.json());

            // when it is read and validated, then it is accepted exactly when the shared verdict accepts the id
            assertThat(accepted(event)).as(field).isEqualTo(id.accepted());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aContextKeyFollowsTheSharedRuleForFeatureNames(InputCase name) {
        String event = InvalidEvents.event("click", "\"context\":{" + name.json() + ":1}");

        assertThat(accepted(event)).isEqualTo(name.accepted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void aContextValueFollowsTheSharedRuleForFeatureValues(InputCase value) {
        String event = InvalidEvents.event("click", "\"context\":{\"f\":" + value.json() + "}");

        assertThat(accepted(event)).isEqualTo(value.accepted());
    }

    /** Whether the event is accepted: not refused by the parser (a whole-request problem) nor by the validator. */
    private boolean accepted(String event) {
        byte[] body = Events.bodyOfRaw(event).getBytes(StandardCharsets.UTF_8);
        try {
            return validator.validate(0, parser.parse(body).get(0).json(), RECEIVED) instanceof ValidEvent;
        } catch (RequestProblem refused) {
            return false;
        }
    }
}
