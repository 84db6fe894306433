package io.autoloop.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Makes the hostile requests of one endpoint: request {@code i} of seed {@code s} is always the same request, so a
 * failure replays from the seed and index alone. Each request carries one {@link Attack} on the endpoint's valid
 * request; the attacks are drawn evenly from those that apply to the endpoint.
 */
public final class HostileRequests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "@@raw-";

    /**
     * The longest path segment or query value: long enough to pass every id and name limit many times over, short
     * enough that the request line stays within the HTTP server's 4096 bytes (past them the server itself answers a
     * bare 414 before any service code runs; see docs/reliability.md).
     */
    private static final int LONG_SEGMENT = 2_000;

    private final Endpoint endpoint;
    private final long seed;
    private final List<Attack> attacks;

    public HostileRequests(Endpoint endpoint, long seed) {
        this.endpoint = endpoint;
        this.seed = seed;
        this.attacks = List.of(Attack.values()).stream()
                .filter(a -> a.appliesTo(endpoint))
                .toList();
    }

    /** The attacks this endpoint gets. */
    public List<Attack> attacks() {
        return attacks;
    }

    /** Request number {@code index}. */
    public HostileRequest request(long index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        Attack attack = HostileValues.pick(random, attacks);
        Draft draft = new Draft(random);
        switch (attack) {
            case VALID -> {}
            case MALFORMED_JSON -> draft.malformJson();
            case WRONG_TYPE -> draft.replaceValue(randomJsonOfAnotherKind(random));
            case EXTREME_NUMBER -> draft.replaceValue(HostileValues.pick(random, HostileValues.NUMBERS));
            case DEEP_NESTING -> draft.replaceValue(nested(random));
            case LONG_STRING -> draft.longString();
            case DUPLICATE_KEY -> draft.duplicateKey();
            case UNICODE_EDGE -> draft.unicodeEdge();
            case INVALID_UTF8 -> draft.invalidUtf8();
            case HUGE_CONTAINER -> draft.replaceValue(hugeContainer(random));
            case OVERSIZED_BODY -> draft.oversize();
            case EMPTY_OR_NOT_AN_OBJECT ->
                draft.body = utf8(HostileValues.pick(
                        random, List.of("", " ", "\n", "null", "[]", "{}", "\"text\"", "0", "true", "[{}]", "[[]]")));
            case WRONG_CONTENT_TYPE ->
                draft.setHeader("Content-Type", HostileValues.pick(random, HostileValues.CONTENT_TYPES));
            case CREDENTIAL -> draft.credential();
            case WRONG_METHOD ->
                draft.method = HostileValues.pick(
                        random,
                        HostileValues.METHODS.stream()
                                .filter(m -> !m.equals(endpoint.method()))
                                .toList());
            case HOSTILE_PATH -> draft.hostilePath();
            case HOSTILE_QUERY -> draft.hostileQuery();
        }
        return draft.build(index, attack);
    }

    private static String randomJsonOfAnotherKind(SplittableRandom random) {
        return HostileValues.pick(
                random,
                List.of(
                        "\"text\"",
                        "12",
                        "-1",
                        "0.5",
                        "true",
                        "false",
                        "null",
                        "[]",
                        "{}",
                        "[1,2]",
                        "{\"a\":1}",
                        "[\"x\"]",
                        "\"\"",
                        "[null]",
                        "{\"\":null}"));
    }

    private static String nested(SplittableRandom random) {
        int depth = HostileValues.pick(random, List.of(64, 200, 1_000, 5_000, 100_000));
        boolean arrays = random.nextBoolean();
        StringBuilder text = new StringBuilder(depth * 6);
        text.append((arrays ? "[" : "{\"a\":").repeat(depth));
        text.append('1');
        text.append((arrays ? "]" : "}").repeat(depth));
        return text.toString();
    }

    private static String hugeContainer(SplittableRandom random) {
        int size = HostileValues.pick(random, List.of(101, 1_000, 10_000, 100_000));
        StringBuilder text = new StringBuilder(size * 12);
        if (random.nextBoolean()) {
            text.append('{');
            for (int i = 0; i < size; i++) {
                text.append(i == 0 ? "" : ",")
                        .append("\"f")
                        .append(i)
                        .append("\":")
                        .append(i % 7);
            }
            return text.append('}').toString();
        }
        String element = HostileValues.pick(random, List.of("1", "\"x\"", "{}", "{\"itemId\":\"i\"}", "null"));
        text.append('[');
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ",").append(element);
        }
        return text.append(']').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The request being made: starts as the endpoint's valid request, then one attack changes it. */
    private final class Draft {

        private final SplittableRandom random;
        private final Map<String, String> pathValues = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private final JsonNode json;
        private final Map<String, String> raw = new LinkedHashMap<>();
        private String method = endpoint.method();
        private String extraPath = "";
        private byte[] body;

        private Draft(SplittableRandom random) {
            this.random = random;
            endpoint.pathValues().forEach((name, values) -> pathValues.put(name, HostileValues.pick(random, values)));
            endpoint.queryValues()
                    .forEach((name, values) -> query.add(Map.entry(name, HostileValues.pick(random, values))));
            headers.add(Map.entry("Authorization", "Bearer " + endpoint.key()));
            json = endpoint.body().<JsonNode>map(JsonNode::deepCopy).orElse(null);
            if (json != null) {
                headers.add(Map.entry("Content-Type", "application/json"));
            }
        }

        HostileRequest build(long index, Attack attack) {
            String path = endpoint.path();
            for (Map.Entry<String, String> value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            StringBuilder target = new StringBuilder(path).append(extraPath);
            for (int i = 0; i < query.size(); i++) {
                Map.Entry<String, String> parameter = query.get(i);
                target.append(i == 0 ? '?' : '&').append(parameter.getKey());
                if (parameter.getValue() != null) {
                    target.append('=').append(parameter.getValue());
                }
            }
            return new HostileRequest(index, attack, method, target.toString(), headers, body());
        }

        private byte[] body() {
            if (body != null) {
                return body;
            }
            if (json == null) {
                return new byte[0];
            }
            return utf8(text());
        }

        /** The JSON text, with every raw piece put in place of its marker. */
        private String text() {
            String text = json.toString();
            for (Map.Entry<String, String> piece : raw.entrySet()) {
                text = text.replace("\"" + piece.getKey() + "\"", piece.getValue());
            }
            return text;
        }

        private String mark(String rawJson) {
            String marker = MARK + raw.size() + "@@";
            raw.put(marker, rawJson);
            return marker;
        }

        void setHeader(String name, String value) {
            headers.removeIf(header -> header.getKey().equalsIgnoreCase(name));
            if (value != null) {
                headers.add(Map.entry(name, value));
            }
        }

        void malformJson() {
            String text = text();
            int at = random.nextInt(text.length());
            String broken = switch (random.nextInt(7)) {
                case 0 -> text.substring(0, at);
                case 1 -> text.substring(0, at) + text.substring(at + 1);
                case 2 ->
                    text.substring(0, at)
                            + HostileValues.pick(random, List.of("{", "}", "[", "]", ":", ",", "\"", "\\"))
                            + text.substring(at);
                case 3 -> text + HostileValues.pick(random, List.of("}", "]", ",", " x", "{}", "\u0000"));
                case 4 -> text.replace('"', '\'');
                case 5 -> "/* comment */" + text;
                default -> text.replaceFirst("}$", ",}");
            };
            body = utf8(broken);
        }

        void replaceValue(String rawJson) {
            replaceNode(mark(rawJson));
        }

        void longString() {
            int length = HostileValues.pick(random, List.of(129, 1_025, 10_000, 100_000, 600_000));
            String text = "\"" + HostileValues.longString(random, length) + "\"";
            if (random.nextBoolean()) {
                replaceValue(text);
            } else {
                renameField(text);
            }
        }

        void duplicateKey() {
            List<ObjectNode> objects = new ArrayList<>();
            visit(json, node -> {
                if (node instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            });
            if (objects.isEmpty()) {
                replaceValue("{\"a\":1,\"a\":2}");
                return;
            }
            ObjectNode object = HostileValues.pick(random, objects);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = HostileValues.pick(random, names);
            String marker = mark(NODES.textNode(name).toString());
            object.set(
                    marker,
                    NODES.rawValueNode(new com.fasterxml.jackson.databind.util.RawValue(
                            random.nextBoolean() ? object.get(name).toString() : randomJsonOfAnotherKind(random))));
        }

        void unicodeEdge() {
            String edge = HostileValues.pick(random, HostileValues.STRING_EDGES);
            String text = "\"" + HostileValues.pick(random, List.of("", "id-", "user")) + edge
                    + HostileValues.pick(random, List.of("", "-1", "x")) + "\"";
            if (random.nextBoolean()) {
                replaceValue(text);
            } else {
                renameField(text);
            }
        }

        void invalidUtf8() {
            byte[] valid = utf8(text());
            List<Integer> quotes = new ArrayList<>();
            for (int i = 0; i < valid.length; i++) {
                if (valid[i] == '"') {
                    quotes.add(i);
                }
            }
            int at = quotes.isEmpty() ? random.nextInt(valid.length + 1) : HostileValues.pick(random, quotes) + 1;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(valid.length + 8);
            bytes.write(valid, 0, at);
            bytes.writeBytes(HostileValues.pick(random, HostileValues.INVALID_UTF8));
            bytes.write(valid, at, valid.length - at);
            body = bytes.toByteArray();
        }

        void oversize() {
            String text = text();
            int padding = (int) Math.max(0, endpoint.bodyLimit() + 1 - text.length()) + random.nextInt(65_536);
            body = utf8(
                    random.nextBoolean()
                            ? text + " ".repeat(padding)
                            : text.substring(0, text.length() - 1) + (text.length() > 2 ? "," : "") + "\"pad\":\""
                                    + "x".repeat(padding) + "\"}");
        }

        void credential() {
            String key = endpoint.key();
            List<List<String>> choices = java.util.Arrays.asList(
                    java.util.Collections.singletonList(null),
                    List.of("Bearer wrong-" + key),
                    List.of("Bearer "),
                    List.of("Bearer"),
                    List.of("Basic dXNlcjpwYXNz"),
                    List.of("bearer " + key),
                    List.of("Bearer " + key + " extra"),
                    List.of("Bearer  " + key),
                    List.of("Bearer " + "k".repeat(4_000)),
                    List.of("Bearer " + endpoint.otherRoleKey()),
                    List.of(key),
                    List.of("Bearer " + key, "Bearer wrong"),
                    List.of("Bearer wrong", "Bearer " + key));
            List<String> values = HostileValues.pick(random, choices);
            setHeader("Authorization", null);
            for (String value : values) {
                if (value != null) {
                    headers.add(Map.entry("Authorization", value));
                }
            }
        }

        void hostilePath() {
            List<String> names = new ArrayList<>(pathValues.keySet());
            String segment = random.nextInt(10) == 0
                    ? "a".repeat(LONG_SEGMENT)
                    : HostileValues.pick(random, HostileValues.PATH_SEGMENTS);
            pathValues.put(HostileValues.pick(random, names), segment);
            if (random.nextInt(8) == 0) {
                extraPath = HostileValues.pick(random, List.of("/", "//", "/extra", "/..", "/%2e%2e"));
            }
        }

        void hostileQuery() {
            String value = random.nextInt(10) == 0
                    ? "9".repeat(LONG_SEGMENT)
                    : HostileValues.pick(random, HostileValues.QUERY_VALUES);
            String name = HostileValues.pick(
                    random, new ArrayList<>(endpoint.queryValues().keySet()));
            switch (random.nextInt(4)) {
                case 0 -> query.add(Map.entry(name, value));
                case 1 -> query.add(Map.entry("unknown", value));
                case 2 -> {
                    query.removeIf(parameter -> parameter.getKey().equals(name));
                    query.add(new java.util.AbstractMap.SimpleEntry<>(name, null));
                }
                default -> {
                    query.removeIf(parameter -> parameter.getKey().equals(name));
                    query.add(Map.entry(name, value));
                }
            }
        }

        /** Replaces a node of the body (not the root) chosen at random by the marker's raw JSON. */
        private void replaceNode(String marker) {
            List<Consumer<JsonNode>> slots = slots();
            if (slots.isEmpty()) {
                body = utf8(raw.get(marker));
                return;
            }
            HostileValues.pick(random, slots).accept(NODES.textNode(marker));
        }

        private void renameField(String rawName) {
            List<ObjectNode> objects = new ArrayList<>();
            visit(json, node -> {
                if (node instanceof ObjectNode object) {
                    objects.add(object);
                }
            });
            ObjectNode object = HostileValues.pick(random, objects);
            String marker = mark(rawName);
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty() || random.nextBoolean()) {
                object.put(marker, HostileValues.pick(random, List.of("v", "1")));
            } else {
                String name = HostileValues.pick(random, names);
                object.set(marker, object.remove(name));
            }
        }

        /** Every place in the body a value sits (a field of an object or an element of an array). */
        private List<Consumer<JsonNode>> slots() {
            List<Consumer<JsonNode>> slots = new ArrayList<>();
            visit(json, node -> {
                if (node instanceof ObjectNode object) {
                    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                        String name = names.next();
                        slots.add(value -> object.set(name, value));
                    }
                } else if (node instanceof ArrayNode array) {
                    for (int i = 0; i < array.size(); i++) {
                        int at = i;
                        slots.add(value -> array.set(at, value));
                    }
                }
            });
            return slots;
        }

        private void visit(JsonNode node, Consumer<JsonNode> visitor) {
            visitor.accept(node);
            node.forEach(child -> visit(child, visitor));
        }
    }
}
