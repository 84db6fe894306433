package io.autoloop.collector.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.autoloop.collector.testing.Api;
import io.autoloop.collector.testing.Events;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule through HTTP: the event is refused by index in a 202, never as a whole request. */
@QuarkusTest
class EventsValidationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.autoloop.collector.testing.InvalidEvents#cases")
    void anInvalidEventIsRejectedByIndexInA202(String rule, String event, String field, String message) {
        Api.post(Events.bodyOfRaw(event))
                .statusCode(202)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(0))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].errors.field", hasItem(field))
                .body("rejected[0].errors.message", hasItem(containsString(message)));
    }
}
