package io.autoloop.contracts.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.ServedItem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two records every stream stage parses most, {@link FeedbackEvent} and {@link Decision}, token by token
 * instead of through data binding, which buffers every property of a record's constructor and reflects on it.
 *
 * <p>Only the plain form is read here: each field once, with its natural JSON type, scalar context and feature values,
 * instants in their common ISO form. Anything else (a coercion, a duplicated field, a nested value, a missing required
 * field, malformed JSON) makes {@link #read} answer null, and {@link ContractJson} then reads the bytes with data
 * binding, so what is accepted, what it reads as, and every error message stay those of data binding.
 */
final class StreamingReader {

    private static final DataBindingFallback FALLBACK = DataBindingFallback.INSTANCE;

    @SuppressWarnings("unchecked")
    private static final Map.Entry<String, Object>[] ENTRIES = new Map.Entry[0];

    private final JsonFactory factory;

    StreamingReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** Whether {@link #read} can read {@code type} at all. */
    static boolean reads(Class<?> type) {
        return type == FeedbackEvent.class || type == Decision.class;
    }

    /** The record in {@code json}, or null when data binding has to read it. */
    <T> T read(byte[] json, Class<T> type) {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object value = type == FeedbackEvent.class ? feedbackEvent(parser) : decision(parser);
            return type.cast(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static FeedbackEvent feedbackEvent(JsonParser parser) throws IOException {
        int schemaVersion = 0;
        String eventId = null;
        EventType type = null;
        String userId = null;
        String itemId = null;
        String decisionId = null;
        Instant timestamp = null;
        Instant sentAt = null;
        Double value = null;
        Map<String, Object> context = null;
        Boolean consent = null;
        String appId = null;
        Instant receivedAt = null;
        Instant eventTime = null;
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "schemaVersion" -> schemaVersion = fields.once(0, intValue(parser, token));
                case "eventId" -> eventId = fields.once(1, text(parser, token));
                case "type" -> type = fields.once(2, eventType(parser, token));
                case "userId" -> userId = fields.once(3, text(parser, token));
                case "itemId" -> itemId = fields.once(4, text(parser, token));
                case "decisionId" -> decisionId = fields.once(5, text(parser, token));
                case "timestamp" -> timestamp = fields.once(6, instant(parser, token));
                case "sentAt" -> sentAt = fields.once(7, instant(parser, token));
                case "value" -> value = fields.once(8, boxedDouble(parser, token));
                case "context" -> context = fields.once(9, scalars(parser, token));
                case "consent" -> consent = fields.once(10, bool(token));
                case "appId" -> appId = fields.once(11, text(parser, token));
                case "receivedAt" -> receivedAt = fields.once(12, instant(parser, token));
                case "eventTime" -> eventTime = fields.once(13, instant(parser, token));
                default -> parser.skipChildren();
            }
        }
        endOfObject(parser);
        return new FeedbackEvent(
                schemaVersion,
                eventId,
                type,
                userId,
                itemId,
                decisionId,
                timestamp,
                sentAt,
                value,
                context,
                consent,
                appId,
                receivedAt,
                eventTime);
    }

    private static Decision decision(JsonParser parser) throws IOException {
        int schemaVersion = 0;
        String decisionId = null;
        String userId = null;
        String experimentId = null;
        Arm arm = null;
        String modelVersion = null;
        Instant servedAt = null;
        List<ServedItem> items = null;
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "schemaVersion" -> schemaVersion = fields.once(0, intValue(parser, token));
                case "decisionId" -> decisionId = fields.once(1, text(parser, token));
                case "userId" -> userId = fields.once(2, text(parser, token));
                case "experimentId" -> experimentId = fields.once(3, text(parser, token));
                case "arm" -> arm = fields.once(4, arm(parser, token));
                case "modelVersion" -> modelVersion = fields.once(5, text(parser, token));
                case "servedAt" -> servedAt = fields.once(6, instant(parser, token));
                case "items" -> items = fields.once(7, items(parser, token));
                default -> parser.skipChildren();
            }
        }
        endOfObject(parser);
        return new Decision(schemaVersion, decisionId, userId, experimentId, arm, modelVersion, servedAt, items);
    }

    private static List<ServedItem> items(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_ARRAY);
        List<ServedItem> items = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
            expect(next, JsonToken.START_OBJECT);
            items.add(servedItem(parser));
        }
        return items;
    }

    private static ServedItem servedItem(JsonParser parser) throws IOException {
        String itemId = null;
        int position = 0;
        double score = 0.0;
        double propensity = 0.0;
        Map<String, Map<String, Object>> features = null;
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (name) {
                case "itemId" -> itemId = fields.once(0, text(parser, token));
                case "position" -> position = fields.once(1, intValue(parser, token));
                case "score" -> score = fields.once(2, doubleValue(parser, token));
                case "propensity" -> propensity = fields.once(3, doubleValue(parser, token));
                case "features" -> features = fields.once(4, features(parser, token));
                default -> parser.skipChildren();
            }
        }
        endOfObject(parser);
        return new ServedItem(itemId, position, score, propensity, features);
    }

    private static Map<String, Map<String, Object>> features(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_OBJECT);
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String namespace = parser.currentName();
            features.put(namespace, scalars(parser, parser.nextToken()));
        }
        endOfObject(parser);
        return features;
    }

    /** An object of scalar values, read as data binding reads a {@code Map<String, Object>} of them. */
    private static Map<String, Object> scalars(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.START_OBJECT);
        List<Map.Entry<String, Object>> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            values.add(Map.entry(name, scalar(parser, parser.nextToken())));
        }
        endOfObject(parser);
        // Unmodifiable already, so that the record's own copy is free; a repeated name throws and is left to binding.
        return Map.ofEntries(values.toArray(ENTRIES));
    }

    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw FALLBACK;
        };
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING);
        return parser.getText();
    }

    private static int intValue(JsonParser parser, JsonToken token) throws IOException {
        expect(token, JsonToken.VALUE_NUMBER_INT);
        if (parser.getNumberType() != JsonParser.NumberType.INT) {
            throw FALLBACK;
        }
        return parser.getIntValue();
    }

    private static double doubleValue(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            throw FALLBACK;
        }
        return parser.getDoubleValue();
    }

    private static Double boxedDouble(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NULL ? null : doubleValue(parser, token);
    }

    private static Boolean bool(JsonToken token) {
        return switch (token) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw FALLBACK;
        };
    }

    private static Instant instant(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING);
        Instant instant = IsoInstants.parseCommonForm(parser.getText());
        if (instant == null) {
            throw FALLBACK;
        }
        return instant;
    }

    private static EventType eventType(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING);
        return EventType.fromWire(parser.getText());
    }

    private static Arm arm(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(token, JsonToken.VALUE_STRING);
        return Arm.fromWire(parser.getText());
    }

    private static void endOfObject(JsonParser parser) {
        expect(parser.currentToken(), JsonToken.END_OBJECT);
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw FALLBACK;
        }
    }

    /** The fields of one object seen so far; a second one of a name is left to data binding. */
    private static final class Fields {

        private int seen;

        <T> T once(int field, T value) {
            mark(field);
            return value;
        }

        int once(int field, int value) {
            mark(field);
            return value;
        }

        double once(int field, double value) {
            mark(field);
            return value;
        }

        private void mark(int field) {
            int bit = 1 << field;
            if ((seen & bit) != 0) {
                throw FALLBACK;
            }
            seen |= bit;
        }
    }
}
