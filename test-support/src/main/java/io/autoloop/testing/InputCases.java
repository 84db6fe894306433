package io.autoloop.testing;

import java.util.List;

/**
 * Ids, feature names and feature values as a client writes them in JSON, each with the verdict both HTTP edges must
 * give it: the feedback-collector (ids of an event, keys and values of its context) and the ab-router (ids of a
 * ranking request, names and values of its features) run their validators over these same lists, so an id or value one
 * service takes is never refused by the other. The verdicts are those of the shared rules with their defaults
 * ({@code io.autoloop.contracts.input.InputRules#DEFAULTS}).
 */
public final class InputCases {

    private static final String EMOJI = "\\uD83D\\uDE00";

    private InputCases() {}

    /**
     * One case: what it is, its JSON text (a string literal for ids and names, any JSON value for values) and whether
     * it is accepted.
     */
    public record InputCase(String description, String json, boolean accepted) {

        @Override
        public String toString() {
            return description + (accepted ? " is accepted" : " is refused");
        }
    }

    /** Ids: user, item, event and decision ids alike. */
    public static List<InputCase> ids() {
        return List.of(
                accepted("a plain id", quoted("u-42")),
                accepted("a UUID", quoted("7f1c9a3e-1b2d-4c5e-8f90-123456789abc")),
                accepted("Japanese", quoted("ユーザー42")),
                accepted("128 characters", quoted("x".repeat(128))),
                accepted("128 emoji (256 UTF-16 units)", quoted(EMOJI.repeat(128))),
                refused("129 characters", quoted("x".repeat(129))),
                refused("200 characters", quoted("x".repeat(200))),
                refused("129 emoji", quoted(EMOJI.repeat(129))),
                refused("a 100 KB string", quoted("x".repeat(100_000))),
                refused("empty", quoted("")),
                refused("blank", quoted("   ")),
                refused("a NUL", quoted("a\\u0000b")),
                refused("a control character", quoted("a\\u001Fb")),
                refused("a new line", quoted("a\\nb")),
                refused("a lone high surrogate", quoted("a\\uD800b")),
                refused("a lone low surrogate", quoted("a\\uDC00")),
                refused("a reversed surrogate pair", quoted("\\uDE00\\uD83D")));
    }

    /** Feature names (the router) and context keys (the collector). */
    public static List<InputCase> names() {
        return List.of(
                accepted("a plain name", quoted("category")),
                accepted("128 characters", quoted("n".repeat(128))),
                refused("129 characters", quoted("n".repeat(129))),
                refused("a 100 KB name", quoted("n".repeat(100_000))),
                refused("empty", quoted("")),
                refused("a NUL", quoted("a\\u0000")),
                refused("a lone surrogate", quoted("\\uD800")));
    }

    /** Feature values (the router) and context values (the collector); null is left out, see each service's rule. */
    public static List<InputCase> values() {
        return List.of(
                accepted("a string", quoted("news")),
                accepted("an empty string", quoted("")),
                accepted("NaN spelled as a string", quoted("NaN")),
                accepted("1,024 emoji", quoted(EMOJI.repeat(1024))),
                accepted("true", "true"),
                accepted("false", "false"),
                accepted("zero", "0"),
                accepted("a negative integer", "-7"),
                accepted("a fraction", "0.25"),
                accepted("1e9", "1e9"),
                accepted("-1000000000", "-1000000000"),
                refused("1000000001", "1000000001"),
                refused("-1e10", "-1e10"),
                refused("1e200", "1e200"),
                refused("1e308", "1e308"),
                refused("1e400", "1e400"),
                refused("an integer beyond 64 bits", "123456789012345678901234567890"),
                refused("1,025 characters", quoted("s".repeat(1025))),
                refused("a 100 KB string", quoted("s".repeat(100_000))),
                refused("a lone surrogate", quoted("a\\uD800")),
                refused("an array", "[1, 2]"),
                refused("an object", "{\"x\": 1}"));
    }

    private static InputCase accepted(String description, String json) {
        return new InputCase(description, json, true);
    }

    private static InputCase refused(String description, String json) {
        return new InputCase(description, json, false);
    }

    private static String quoted(String escaped) {
        return "\"" + escaped + "\"";
    }
}
