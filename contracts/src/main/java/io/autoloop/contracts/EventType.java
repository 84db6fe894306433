package io.autoloop.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of user feedback a {@link FeedbackEvent} reports; written in lower case on the wire. */
public enum EventType {
    IMPRESSION,
    CLICK,
    RATING,
    DWELL,
    CONVERSION;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case wire name, e.g. {@code click}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, throwing a sentence that lists the accepted names. */
    @JsonCreator
    public static EventType fromWire(String name) {
        for (EventType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Event type '" + name + "' is unknown; use one of "
                + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", ")) + ".");
    }
}
