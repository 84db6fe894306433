package io.autoloop.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The two arms of an experiment: the serving champion and the challenger under test. */
public enum Arm {
    CHAMPION,
    CHALLENGER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case wire name. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name, throwing a sentence for anything but champion or challenger. */
    @JsonCreator
    public static Arm fromWire(String name) {
        for (Arm arm : values()) {
            if (arm.wireName().equals(name)) {
                return arm;
            }
        }
        throw new IllegalArgumentException("Arm '" + name + "' is unknown; use champion or challenger.");
    }
}
