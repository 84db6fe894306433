package io.autoloop.collector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds request bodies and events for the tests; every event gets a fresh eventId unless told otherwise. */
public final class Events {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Events() {}

    /** A valid click of {@code userId} on {@code itemId} at {@code timestamp}. */
    public static ObjectNode click(String userId, String itemId, Instant timestamp) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventId", "evt-" + UUID.randomUUID());
        event.put("type", "click");
        event.put("userId", userId);
        event.put("itemId", itemId);
        event.put("timestamp", timestamp.toString());
        return event;
    }

    /** A valid click at the current time. */
    public static ObjectNode click(String userId) {
        return click(userId, "item-1", Instant.now());
    }

    /** {@code {"events": [...]}} as JSON text. */
    public static String body(List<ObjectNode> events) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        return body.toString();
    }

    /** {@code {"events": [<raw JSON>]}} for one event given as JSON text. */
    public static String bodyOfRaw(String eventJson) {
        return "{\"events\":[" + eventJson + "]}";
    }

    /** Parses JSON text into an object node. */
    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Test JSON does not parse: " + json, e);
        }
    }
}
