package io.autoloop.collector.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The validation rules as a table shared by the unit test of the validator and the HTTP test: for each case,
 * an event (JSON text, built around a valid click or rating), the field path that must be reported for it
 * at index 0, and a fragment of the message.
 */
public final class InvalidEvents {

    private InvalidEvents() {}

    /** A valid event of {@code type} with {@code extra} JSON members replacing or adding fields. */
    public static String event(String type, String extra) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder json = new StringBuilder("{");
        String[][] base = {
            {"eventId", "\"evt-table\""},
            {"type", "\"" + type + "\""},
            {"userId", "\"user-1\""},
            {"itemId", "\"item-1\""},
            {"timestamp", "\"" + now + "\""}
        };
        for (String[] field : base) {
            if (!extra.contains("\"" + field[0] + "\"")) {
                json.append('"').append(field[0]).append("\":").append(field[1]).append(',');
            }
        }
        json.append(extra);
        if (json.charAt(json.length() - 1) == ',') {
            json.setLength(json.length() - 1);
        }
        return json.append('}').toString();
    }

    private static String omit(String type, String field) {
        return event(type, "").replaceAll(",?\"" + field + "\":\"[^\"]*\"", "").replace("{,", "{");
    }

    private static Arguments rule(String name, String json, String field, String message) {
        return Arguments.of(name, json, field, message);
    }

    /** Arguments (name, event JSON, reported field, message fragment). */
    public static Stream<Arguments> cases() {
        String long129 = "x".repeat(129);
        String emoji129 = "\uD83D\uDE00".repeat(129);
        String days40Ago = Instant.now().minus(40, ChronoUnit.DAYS).toString();
        String days2Ahead = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        String context101 =
                IntStream.range(0, 101).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(",", "{", "}"));
        return Stream.of(
                // ids: missing, null, wrong types, blank, too long, control characters, broken Unicode
                rule("eventId missing", omit("click", "eventId"), "events[0].eventId", "required"),
                rule("eventId null", event("click", "\"eventId\":null"), "events[0].eventId", "required"),
                rule("eventId number", event("click", "\"eventId\":42"), "events[0].eventId", "must be a string"),
                rule("eventId empty", event("click", "\"eventId\":\"\""), "events[0].eventId", "empty"),
                rule("eventId blank", event("click", "\"eventId\":\"  \""), "events[0].eventId", "empty"),
                rule(
                        "eventId 129 chars",
                        event("click", "\"eventId\":\"" + long129 + "\""),
                        "events[0].eventId",
                        "129 characters"),
                rule(
                        "eventId 129 emoji",
                        event("click", "\"eventId\":\"" + emoji129 + "\""),
                        "events[0].eventId",
                        "129 characters"),
                rule(
                        "eventId control char",
                        event("click", "\"eventId\":\"a\\u0000b\""),
                        "events[0].eventId",
                        "control character"),
                rule(
                        "eventId lone surrogate",
                        event("click", "\"eventId\":\"a\\ud800b\""),
                        "events[0].eventId",
                        "unpaired"),
                rule("userId missing", omit("click", "userId"), "events[0].userId", "required"),
                rule("userId object", event("click", "\"userId\":{\"id\":1}"), "events[0].userId", "must be a string"),
                rule(
                        "userId 129 chars",
                        event("click", "\"userId\":\"" + long129 + "\""),
                        "events[0].userId",
                        "129 characters"),
                rule(
                        "userId with NUL",
                        event("click", "\"userId\":\"a\\u0000b\""),
                        "events[0].userId",
                        "control character"),
                rule(
                        "itemId 200 chars",
                        event("click", "\"itemId\":\"" + "i".repeat(200) + "\""),
                        "events[0].itemId",
                        "200 characters"),
                rule(
                        "itemId lone surrogate",
                        event("click", "\"itemId\":\"i\\udc00\""),
                        "events[0].itemId",
                        "unpaired"),
                rule(
                        "decisionId lone surrogate",
                        event("click", "\"decisionId\":\"d\\ud800\""),
                        "events[0].decisionId",
                        "unpaired"),
                rule("itemId array", event("click", "\"itemId\":[\"a\"]"), "events[0].itemId", "must be a string"),
                rule("itemId null", event("click", "\"itemId\":null"), "events[0].itemId", "required"),
                rule("decisionId empty", event("click", "\"decisionId\":\"\""), "events[0].decisionId", "empty"),
                rule(
                        "decisionId boolean",
                        event("click", "\"decisionId\":true"),
                        "events[0].decisionId",
                        "must be a string"),
                // type
                rule("type missing", omit("click", "type"), "events[0].type", "required"),
                rule("type unknown", event("purchase", ""), "events[0].type", "unknown"),
                rule("type upper case", event("CLICK", ""), "events[0].type", "unknown"),
                rule("type number", event("click", "\"type\":3"), "events[0].type", "must be a string"),
                // value per type, numbers
                rule("rating missing value", event("rating", ""), "events[0].value", "needs value"),
                rule("rating 0", event("rating", "\"value\":0"), "events[0].value", "out of range"),
                rule("rating 6", event("rating", "\"value\":6"), "events[0].value", "out of range"),
                rule("rating 4.5", event("rating", "\"value\":4.5"), "events[0].value", "out of range"),
                rule("rating as string", event("rating", "\"value\":\"4\""), "events[0].value", "but it is a string"),
                rule(
                        "conversion NaN as a string",
                        event("conversion", "\"value\":\"NaN\""),
                        "events[0].value",
                        "but it is a string"),
                rule(
                        "conversion -1e10",
                        event("conversion", "\"value\":-1e10"),
                        "events[0].value",
                        "lies beyond ±1000000000"),
                rule("rating null", event("rating", "\"value\":null"), "events[0].value", "needs value"),
                rule(
                        "rating huge integer",
                        event("rating", "\"value\":123456789012345678901234567890"),
                        "events[0].value",
                        "lies beyond ±1000000000"),
                rule("rating 1e400", event("rating", "\"value\":1e400"), "events[0].value", "too large"),
                rule("dwell below 0", event("dwell", "\"value\":-0.01"), "events[0].value", "out of range"),
                rule("dwell above 1", event("dwell", "\"value\":1.0001"), "events[0].value", "out of range"),
                rule("dwell boolean", event("dwell", "\"value\":true"), "events[0].value", "but it is a boolean"),
                rule("conversion negative", event("conversion", "\"value\":-1"), "events[0].value", "out of range"),
                rule("conversion 1e400", event("conversion", "\"value\":1e400"), "events[0].value", "too large"),
                rule("conversion -1e400", event("conversion", "\"value\":-1e400"), "events[0].value", "too large"),
                rule(
                        "conversion 1e308",
                        event("conversion", "\"value\":1e308"),
                        "events[0].value",
                        "lies beyond ±1000000000"),
                rule(
                        "conversion 1000000001",
                        event("conversion", "\"value\":1000000001"),
                        "events[0].value",
                        "lies beyond ±1000000000"),
                rule("click with value", event("click", "\"value\":1"), "events[0].value", "carries no value"),
                rule(
                        "impression with value",
                        event("impression", "\"value\":0"),
                        "events[0].value",
                        "carries no value"),
                // times
                rule("timestamp missing", omit("click", "timestamp"), "events[0].timestamp", "required"),
                rule(
                        "timestamp epoch number",
                        event("click", "\"timestamp\":1700000000000"),
                        "events[0].timestamp",
                        "ISO-8601"),
                rule(
                        "timestamp without offset",
                        event("click", "\"timestamp\":\"2025-01-31T12:00:00\""),
                        "events[0].timestamp",
                        "zone offset"),
                rule(
                        "timestamp garbage",
                        event("click", "\"timestamp\":\"yesterday\""),
                        "events[0].timestamp",
                        "zone offset"),
                rule(
                        "timestamp 40 days old",
                        event("click", "\"timestamp\":\"" + days40Ago + "\""),
                        "events[0].timestamp",
                        "in the past"),
                rule(
                        "timestamp 2 days ahead",
                        event("click", "\"timestamp\":\"" + days2Ahead + "\""),
                        "events[0].timestamp",
                        "in the future"),
                rule(
                        "sentAt before timestamp",
                        event("click", "\"timestamp\":\"2030-01-01T00:00:10Z\",\"sentAt\":\"2030-01-01T00:00:00Z\""),
                        "events[0].sentAt",
                        "before timestamp"),
                rule("sentAt number", event("click", "\"sentAt\":5"), "events[0].sentAt", "ISO-8601"),
                // context
                rule(
                        "context string",
                        event("click", "\"context\":\"page=home\""),
                        "events[0].context",
                        "must be an object"),
                rule("context 101 keys", event("click", "\"context\":" + context101), "events[0].context", "101 keys"),
                rule(
                        "context null value",
                        event("click", "\"context\":{\"page\":null}"),
                        "events[0].context.page",
                        "but this one is null"),
                rule(
                        "context nested object",
                        event("click", "\"context\":{\"page\":{\"a\":1}}"),
                        "events[0].context.page",
                        "an object"),
                rule(
                        "context value nested 50 deep",
                        event("click", "\"context\":{\"x\":" + "[".repeat(50) + "]".repeat(50) + "}"),
                        "events[0].context.x",
                        "an array"),
                rule(
                        "context array value",
                        event("click", "\"context\":{\"tags\":[1,2]}"),
                        "events[0].context.tags",
                        "an array"),
                rule(
                        "context huge integer",
                        event("click", "\"context\":{\"n\":123456789012345678901234567890}"),
                        "events[0].context.n",
                        "lies beyond ±1000000000"),
                rule("context 1e400", event("click", "\"context\":{\"x\":1e400}"), "events[0].context.x", "too large"),
                rule(
                        "context -1e10",
                        event("click", "\"context\":{\"x\":-1e10}"),
                        "events[0].context.x",
                        "lies beyond ±1000000000"),
                rule(
                        "context string of 1025 characters",
                        event("click", "\"context\":{\"s\":\"" + "s".repeat(1025) + "\"}"),
                        "events[0].context.s",
                        "1025 characters"),
                rule(
                        "context string with a lone surrogate",
                        event("click", "\"context\":{\"s\":\"a\\ud800\"}"),
                        "events[0].context.s",
                        "unpaired"),
                rule(
                        "context key of 129 characters",
                        event("click", "\"context\":{\"" + "k".repeat(129) + "\":1}"),
                        "events[0].context." + "k".repeat(129),
                        "129 characters"),
                rule("context empty key", event("click", "\"context\":{\"\":1}"), "events[0].context[\"\"]", "empty"),
                // consent
                rule(
                        "consent as string",
                        event("click", "\"consent\":\"false\""),
                        "events[0].consent",
                        "true or false"),
                rule("consent as number", event("click", "\"consent\":0"), "events[0].consent", "true or false"),
                // not an object at all
                rule("event is a string", "\"click\"", "events[0]", "JSON object"),
                rule("event is null", "null", "events[0]", "JSON object"),
                rule("event is an array", "[1,2]", "events[0]", "JSON object"),
                rule("event is a number", "7", "events[0]", "JSON object"));
    }
}
