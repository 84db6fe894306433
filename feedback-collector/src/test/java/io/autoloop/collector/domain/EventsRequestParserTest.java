package io.autoloop.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autoloop.contracts.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsRequestParserTest {

    private final EventsRequestParser parser = new EventsRequestParser(5, 2048, 256);

    private RequestProblem problemOf(String body) {
        return catchThrowableOfType(RequestProblem.class, () -> parser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eventsKeepTheirIndexAndJsonOfAnyType() {
        List<EventsRequestParser.RawEvent> events =
                parser.parse("{\"events\":[{\"eventId\":\"a\"},\"text\",null]}".getBytes(StandardCharsets.UTF_8));

        assertThat(events).extracting(EventsRequestParser.RawEvent::index).containsExactly(0, 1, 2);
        assertThat(events.get(0).json().get("eventId").textValue()).isEqualTo("a");
        assertThat(events.get(1).json().isTextual()).isTrue();
        assertThat(events.get(2).json().isNull()).isTrue();
    }

    @Test
    void unknownTopLevelFieldsAreIgnored() {
        List<EventsRequestParser.RawEvent> events =
                parser.parse("{\"batch\":{\"id\":1},\"events\":[{}],\"sdk\":\"js\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON                   | hello                                   | $",
                "truncated                  | {\"events\":[{}                         | events[0]",
                "NaN literal                | {\"events\":[{\"value\":NaN}]}          | events[0].value",
                "single quotes              | {'events':[]}                           | $",
                "trailing content           | {\"events\":[{}]} {}                    | $",
                "array at the root          | [{}]                                    | $",
                "no events                  | {\"event\":[{}]}                        | events",
                "events null                | {\"events\":null}                       | events",
                "events an object           | {\"events\":{\"0\":{}}}                 | events",
                "events a string            | {\"events\":\"[]\"}                     | events",
                "events empty               | {\"events\":[]}                         | events",
                "too many events            | {\"events\":[{},{},{},{},{},{}]}        | events",
                "duplicated events key      | {\"events\":[{}],\"events\":[{}]}       | events",
                "duplicated key in event    | {\"events\":[{},{\"userId\":\"a\",\"userId\":\"b\"}]} | events[1].userId",
                "duplicated key in context  | {\"events\":[{\"context\":{\"k\":1,\"k\":2}}]}      | events[0].context.k",
                "duplicated key elsewhere   | {\"meta\":{\"a\":1,\"a\":1},\"events\":[{}]}        | meta.a"
            })
    void malformedRequestsAreRefusedAsAWholeNamingWhere(String name, String body, String field) {
        RequestProblem problem = problemOf(body);

        assertThat(problem).as(name).isNotNull();
        assertThat(problem.kind()).isEqualTo(RequestProblem.Kind.MALFORMED);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly(field);
    }

    @Test
    void aDuplicatedKeyIsNamedInTheMessage() {
        RequestProblem problem = problemOf("{\"events\":[{\"userId\":\"a\",\"userId\":\"b\"}]}");

        assertThat(problem.getMessage()).contains("'userId'").contains("more than once");
    }

    @Test
    void nestingBeyondTheParsersDepthIsMalformedNamingTheBody() {
        // given an event whose context nests 2,000 arrays, deeper than the JSON parser reads
        EventsRequestParser roomy = new EventsRequestParser(5, 16_384, 16_384);
        String body = "{\"events\":[{\"context\":{\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}}]}";

        // when it is parsed
        RequestProblem problem =
                catchThrowableOfType(RequestProblem.class, () -> roomy.parse(body.getBytes(StandardCharsets.UTF_8)));

        // then the request is malformed, named by the body rather than by a path 1,000 levels deep
        assertThat(problem.kind()).isEqualTo(RequestProblem.Kind.MALFORMED);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("$");
        assertThat(problem.getMessage()).contains("nesting depth");
    }

    @Test
    void aBodyOverTheLimitIsTooLarge() {
        String body = "{\"events\":[{\"pad\":\"" + "x".repeat(2100) + "\"}]}";

        RequestProblem problem = problemOf(body);

        assertThat(problem.kind()).isEqualTo(RequestProblem.Kind.TOO_LARGE);
        assertThat(problem.getMessage()).contains("2048");
    }

    @Test
    void anEventOverTheLimitIsTooLargeNamingIt() {
        String small = "{\"pad\":\"" + "x".repeat(200) + "\"}";
        String large = "{\"pad\":\"" + "x".repeat(300) + "\"}";

        RequestProblem problem = problemOf("{\"events\":[" + small + "," + large + "]}");

        assertThat(problem.kind()).isEqualTo(RequestProblem.Kind.TOO_LARGE);
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("events[1]");
    }

    @Test
    void anEventExactlyAtTheLimitPasses() {
        String prefix = "{\"pad\":\"";
        String event = prefix + "x".repeat(256 - prefix.length() - 2) + "\"}";

        assertThat(event.getBytes(StandardCharsets.UTF_8)).hasSize(256);
        assertThat(parser.parse(("{\"events\":[" + event + "]}").getBytes(StandardCharsets.UTF_8)))
                .hasSize(1);
    }

    @Test
    void eventSizeCountsUtf8Bytes() {
        String event = "{\"pad\":\"" + "é".repeat(130) + "\"}"; // 130 characters, 260 bytes

        RequestProblem problem = problemOf("{\"events\":[" + event + "]}");

        assertThat(problem.kind()).isEqualTo(RequestProblem.Kind.TOO_LARGE);
    }

    @Test
    void theMaximumNumberOfEventsPasses() {
        String five = IntStream.range(0, 5).mapToObj(i -> "{}").collect(Collectors.joining(","));

        assertThat(parser.parse(("{\"events\":[" + five + "]}").getBytes(StandardCharsets.UTF_8)))
                .hasSize(5);
    }
}
