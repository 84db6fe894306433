package io.autoloop.collector.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.input.InputRules;
import io.autoloop.contracts.json.IsoInstants;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks one event of a request against the rules of the ingest API and either returns it as a
 * {@link ValidEvent} (with its skew-corrected time) or as a {@link RejectedEvent} listing every broken rule
 * with the field's path, e.g. {@code events[3].value}.
 *
 * <p>The rules: {@code eventId}, {@code userId}, {@code itemId} (required) and {@code decisionId} (optional)
 * are ids as {@link InputRules#idProblem} defines them (the router's rule too: 1 to 128 code points, printable,
 * no unpaired surrogate); {@code type} is one of {@code impression|click|rating|dwell|conversion};
 * {@code value} is a whole number 1–5 for {@code rating}, a number in [0, 1] for {@code dwell}, a number ≥ 0
 * for {@code conversion}, and absent for the other types; numbers must be finite and within the input rules'
 * magnitude; {@code timestamp} (required) and {@code sentAt} (optional, not before {@code timestamp}) are ISO-8601
 * instants with a zone offset; the skew-corrected time lies within [{@code receivedAt − maxAge},
 * {@code receivedAt + maxFuture}]; {@code context} is an object of at most {@link InputRules#maxFeatures()} keys
 * (each a name as {@link InputRules#nameProblem} defines it) whose values are strings, numbers or booleans as
 * {@link InputRules} allows them (a whole number without a fraction is kept as a {@code long}); {@code consent} is a
 * boolean (default true). An explicit null counts as absent. Unknown fields are ignored, and fields the collector
 * stamps ({@code appId}, {@code receivedAt}, {@code eventTime}) are overwritten. A context value that breaks a rule is
 * not echoed in its message: messages are kept with the dead letter, and such a value may identify someone.
 */
public final class EventValidator {

    private static final String TYPES =
            Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));

    private final EventRules rules;
    private final InputRules input;

    public EventValidator(EventRules rules) {
        this.rules = rules;
        this.input = rules.input();
    }

    /** Validates the event at {@code index} of a request received at {@code receivedAt}. */
    public CheckedEvent validate(int index, JsonNode json, Instant receivedAt) {
        if (!json.isObject()) {
            return new RejectedEvent(
                    index,
                    null,
                    List.of(new FieldError(
                            JsonPaths.event(index),
                            "An event must be a JSON object, but this one is " + kind(json) + ".")));
        }
        Fields fields = new Fields(json, index);
        String eventId = fields.id("eventId", true);
        EventType type = fields.type();
        String userId = fields.id("userId", true);
        String itemId = fields.id("itemId", true);
        String decisionId = fields.id("decisionId", false);
        Instant timestamp = fields.instant("timestamp", true);
        Instant sentAt = fields.instant("sentAt", false);
        Double value = type == null ? null : fields.value(type);
        Map<String, Object> context = fields.context();
        boolean consent = fields.consent();
        Instant eventTime = timestamp == null ? null : fields.eventTime(receivedAt, timestamp, sentAt);

        if (!fields.errors.isEmpty()) {
            JsonNode id = json.get("eventId");
            return new RejectedEvent(index, id != null && id.isTextual() ? id.textValue() : null, fields.errors);
        }
        return new ValidEvent(
                index,
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
                eventTime);
    }

    /** The event's type when it names a known one, else null (for metrics of rejected events). */
    public static EventType typeOf(JsonNode json) {
        JsonNode type = json.isObject() ? json.get("type") : null;
        if (type == null || !type.isTextual()) {
            return null;
        }
        for (EventType candidate : EventType.values()) {
            if (candidate.wireName().equals(type.textValue())) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The fields of one event object and the errors found while reading them; field paths are only built for
     * errors, since valid events are the hot path.
     */
    private final class Fields {

        private final JsonNode json;
        private final int index;
        private final List<FieldError> errors = new ArrayList<>(0);

        Fields(JsonNode json, int index) {
            this.json = json;
            this.index = index;
        }

        private JsonNode present(String name) {
            JsonNode node = json.get(name);
            return node == null || node.isNull() ? null : node;
        }

        private void error(String name, String message) {
            errors.add(new FieldError(JsonPaths.child(JsonPaths.event(index), name), message));
        }

        private void contextError(String key, String message) {
            String context = JsonPaths.child(JsonPaths.event(index), "context");
            errors.add(new FieldError(JsonPaths.child(context, key), message));
        }

        String id(String name, boolean required) {
            JsonNode node = present(name);
            if (node == null) {
                if (required) {
                    error(name, name + " is required.");
                }
                return null;
            }
            if (!node.isTextual()) {
                error(name, name + " must be a string, but it is " + kind(node) + ".");
                return null;
            }
            String text = node.textValue();
            Optional<String> problem = InputRules.idProblem(name, text);
            if (problem.isPresent()) {
                error(name, problem.get());
                return null;
            }
            return text;
        }

        EventType type() {
            JsonNode node = present("type");
            if (node == null) {
                error("type", "type is required; use one of " + TYPES + ".");
                return null;
            }
            if (!node.isTextual()) {
                error("type", "type must be a string (one of " + TYPES + "), but it is " + kind(node) + ".");
                return null;
            }
            EventType type = typeOf(json);
            if (type == null) {
                error("type", "type '" + node.textValue() + "' is unknown; use one of " + TYPES + ".");
            }
            return type;
        }

        Instant instant(String name, boolean required) {
            JsonNode node = present(name);
            if (node == null) {
                if (required) {
                    error(name, name + " is required: an ISO-8601 instant such as 2025-01-31T12:00:00Z.");
                }
                return null;
            }
            if (!node.isTextual()) {
                error(
                        name,
                        name + " must be an ISO-8601 instant string such as 2025-01-31T12:00:00Z, but it is "
                                + kind(node) + ".");
                return null;
            }
            try {
                Instant common = IsoInstants.parseCommonForm(node.textValue());
                return common != null
                        ? common
                        : OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeException e) {
                error(
                        name,
                        name + " '" + node.textValue()
                                + "' is not an ISO-8601 instant with a zone offset, such as 2025-01-31T12:00:00Z.");
                return null;
            }
        }

        Double value(EventType type) {
            JsonNode node = present("value");
            if (type == EventType.IMPRESSION || type == EventType.CLICK) {
                if (node != null) {
                    error("value", "A " + type.wireName() + " event carries no value; leave value out.");
                }
                return null;
            }
            String meaning = switch (type) {
                case RATING -> "the rating, a whole number from 1 to 5";
                case DWELL -> "the completion, a number from 0 to 1";
                default -> "the amount, a number of 0 or more";
            };
            if (node == null) {
                error("value", "A " + type.wireName() + " event needs value: " + meaning + ".");
                return null;
            }
            if (!node.isNumber()) {
                error("value", "value must be " + meaning + ", but it is " + kind(node) + ".");
                return null;
            }
            double number = node.doubleValue();
            Optional<String> problem = input.numberProblem("value " + node.asText(), number);
            if (problem.isPresent()) {
                error("value", problem.get() + " It must be " + meaning + ".");
                return null;
            }
            BigDecimal exact = node.decimalValue();
            boolean valid = switch (type) {
                case RATING ->
                    isWhole(exact)
                            && exact.compareTo(BigDecimal.ONE) >= 0
                            && exact.compareTo(BigDecimal.valueOf(5)) <= 0;
                case DWELL -> exact.signum() >= 0 && exact.compareTo(BigDecimal.ONE) <= 0;
                default -> exact.signum() >= 0;
            };
            if (!valid) {
                error("value", "value " + node.asText() + " is out of range: it must be " + meaning + ".");
                return null;
            }
            return number;
        }

        Map<String, Object> context() {
            JsonNode node = present("context");
            if (node == null) {
                return Map.of();
            }
            if (!node.isObject()) {
                error(
                        "context",
                        "context must be an object of string, number or boolean values, but it is " + kind(node) + ".");
                return Map.of();
            }
            Optional<String> size = input.sizeProblem("context", node.size());
            if (size.isPresent()) {
                error("context", size.get());
                return Map.of();
            }
            Map<String, Object> context = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Optional<String> keyProblem = input.nameProblem("A context key", entry.getKey());
                if (keyProblem.isPresent()) {
                    contextError(entry.getKey(), keyProblem.get());
                    continue;
                }
                Object scalar = scalar(entry.getKey(), entry.getValue());
                if (scalar != null) {
                    context.put(entry.getKey(), scalar);
                }
            }
            return context;
        }

        private Object scalar(String key, JsonNode node) {
            if (node.isTextual()) {
                Optional<String> problem = input.stringProblem("This context value", node.textValue());
                if (problem.isPresent()) {
                    contextError(key, problem.get());
                    return null;
                }
                return node.textValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isNumber()) {
                double number = node.doubleValue();
                Optional<String> problem = input.numberProblem("This context number", number);
                if (problem.isPresent()) {
                    contextError(key, problem.get());
                    return null;
                }
                if (node.isFloatingPointNumber()) {
                    return number;
                }
                // Within the magnitude (at most 2^53) a whole number fits a long exactly.
                return node.longValue();
            }
            contextError(
                    key, "Context values must be strings, numbers or booleans, but this one is " + kind(node) + ".");
            return null;
        }

        boolean consent() {
            JsonNode node = present("consent");
            if (node == null) {
                return true;
            }
            if (!node.isBoolean()) {
                error("consent", "consent must be true or false, but it is " + kind(node) + ".");
                return true;
            }
            return node.booleanValue();
        }

        Instant eventTime(Instant receivedAt, Instant timestamp, Instant sentAt) {
            if (sentAt != null && sentAt.isBefore(timestamp)) {
                error("sentAt", "sentAt is before timestamp; an event cannot be sent before it happened.");
                return null;
            }
            Instant eventTime;
            try {
                eventTime = EventTime.corrected(receivedAt, timestamp, sentAt);
            } catch (DateTimeException | ArithmeticException e) {
                error("timestamp", "timestamp and sentAt are too far apart to correct the clock skew.");
                return null;
            }
            String corrected = sentAt == null ? "" : " (after correcting the client's clock with sentAt)";
            if (eventTime.isAfter(receivedAt.plus(rules.maxFuture()))) {
                error(
                        "timestamp",
                        "The event time is " + describe(Duration.between(receivedAt, eventTime))
                                + " in the future" + corrected + "; at most " + describe(rules.maxFuture())
                                + " ahead is allowed.");
                return null;
            }
            if (eventTime.isBefore(receivedAt.minus(rules.maxAge()))) {
                error(
                        "timestamp",
                        "The event time is " + describe(Duration.between(eventTime, receivedAt))
                                + " in the past" + corrected + "; at most " + describe(rules.maxAge())
                                + " back is allowed.");
                return null;
            }
            return eventTime;
        }
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return duration.toMinutes() + " min";
        }
        if (seconds < 2 * 86400) {
            return duration.toHours() + " h";
        }
        return duration.toDays() + " days";
    }
}
