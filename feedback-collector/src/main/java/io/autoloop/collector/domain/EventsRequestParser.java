package io.autoloop.collector.domain;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /v1/events}, {@code {"events": [ ... ]}}, into one JSON tree per event
 * with its index, or refuses the whole request with a {@link RequestProblem}.
 *
 * <p>Whole-request problems are: a body over {@code maxRequestBytes}, an event over {@code maxEventBytes}
 * (measured on its bytes in the body), anything that is not strict JSON (including NaN, trailing content
 * and a key that appears twice in one object, reported with its path), a missing or non-array
 * {@code events}, and an event count outside 1 to {@code maxEvents}. Anything wrong inside an event is left
 * to {@link EventValidator}. Numbers with a fraction are kept exact (as {@code BigDecimal}) so that
 * out-of-range values are reported instead of rounded away. Unknown top-level fields are ignored.
 */
public final class EventsRequestParser {

    private static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper;
    private final int maxEvents;
    private final int maxRequestBytes;
    private final int maxEventBytes;

    public EventsRequestParser(int maxEvents, int maxRequestBytes, int maxEventBytes) {
        if (maxEvents < 1 || maxRequestBytes < 2 || maxEventBytes < 2) {
            throw new IllegalArgumentException("The request limits must be positive, but they are " + maxEvents
                    + " events, " + maxRequestBytes + " bytes per request and " + maxEventBytes + " bytes per event.");
        }
        this.maxEvents = maxEvents;
        this.maxRequestBytes = maxRequestBytes;
        this.maxEventBytes = maxEventBytes;
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build());
    }

    /** An event as found in the body: its position in {@code events} and its JSON (any JSON value). */
    public record RawEvent(int index, JsonNode json) {}

    /** The events of {@code body}, in order; throws {@link RequestProblem} when the request is unusable. */
    public List<RawEvent> parse(byte[] body) {
        if (body.length > maxRequestBytes) {
            throw tooLargeBody(body.length);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            List<RawEvent> events = readRoot(parser);
            if (parser.nextToken() != null) {
                throw RequestProblem.malformed("$", "The body has content after its JSON object; send one object.");
            }
            return events;
        } catch (JsonProcessingException e) {
            throw malformedJson(e);
        } catch (IOException e) {
            throw RequestProblem.malformed("$", "The body could not be read as JSON: " + e.getMessage());
        }
    }

    /** The message of a whole-request 413 for a body of {@code length} bytes. */
    public RequestProblem tooLargeBody(long length) {
        return RequestProblem.tooLarge(
                "$",
                "The body has " + length + " bytes; at most " + maxRequestBytes
                        + " are allowed per request. Split the events over several requests.");
    }

    private List<RawEvent> readRoot(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw RequestProblem.malformed(
                    "$", "The body must be a JSON object with an 'events' array, e.g. {\"events\": [ ... ]}.");
        }
        List<RawEvent> events = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("events".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw RequestProblem.malformed(
                            "events", "'events' must be an array of events, but it is " + describe(value) + ".");
                }
                events = readEvents(parser);
            } else {
                parser.skipChildren();
            }
        }
        if (events == null) {
            throw RequestProblem.malformed(
                    "events", "The body needs an 'events' array with 1 to " + maxEvents + " events.");
        }
        if (events.isEmpty()) {
            throw RequestProblem.malformed(
                    "events", "'events' is empty; send 1 to " + maxEvents + " events per request.");
        }
        return events;
    }

    private List<RawEvent> readEvents(JsonParser parser) throws IOException {
        List<RawEvent> events = new ArrayList<>();
        // Inside an open array, Jackson reports a truncated body as an error rather than a null token.
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int index = events.size();
            if (index == maxEvents) {
                throw RequestProblem.malformed(
                        "events",
                        "'events' has more than " + maxEvents + " events; send at most " + maxEvents + " per request.");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode json = mapper.readTree(parser);
            long size = parser.currentLocation().getByteOffset() - start;
            if (size > maxEventBytes) {
                throw RequestProblem.tooLarge(
                        JsonPaths.event(index),
                        "Event " + index + " has " + size + " bytes; at most " + maxEventBytes
                                + " are allowed per event.");
            }
            events.add(new RawEvent(index, json));
        }
        return events;
    }

    private static RequestProblem malformedJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // The path of a document nested too deep is as deep as it: name the body instead.
            return RequestProblem.malformed(
                    "$", "The body goes beyond what the JSON parser reads: " + e.getOriginalMessage());
        }
        String where = e.getProcessor() instanceof JsonParser parser
                ? JsonPaths.fromPointer(
                        parser.getParsingContext().pathAsPointer().toString())
                : "$";
        String message = e.getOriginalMessage();
        if (e instanceof JsonParseException && message != null && message.startsWith("Duplicate field")) {
            String key = message.substring(message.indexOf('\'') + 1, message.lastIndexOf('\''));
            return RequestProblem.malformed(
                    where,
                    "The key '" + key + "' appears more than once in the same object at " + where
                            + "; JSON keys must be unique.");
        }
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return RequestProblem.malformed(
                where, "The body is not valid JSON (line " + line + ", column " + column + "): " + message);
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "missing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
