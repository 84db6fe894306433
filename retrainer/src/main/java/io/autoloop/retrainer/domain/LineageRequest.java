package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LineageConfig;
import io.autoloop.learner.FeatureSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An admin's request for a new lineage ({@code POST /v1/models/{name}/lineages}): consumes the JSON object's fields
 * and the default lineage's configuration, and produces the lineage's name and {@link LineageConfig}, every field the
 * request omits taken from the default; or refuses the request with an {@link Invalid} naming the first field at
 * fault.
 *
 * <p>Fields: {@code name} (required: 1 to 64 letters, digits, {@code . _ -}), {@code hashBits} (an integer from 1 to
 * {@value FeatureSpec#MAX_BITS}), {@code crosses} (a list of distinct {@code a*b} of two different namespaces among
 * {@code user}, {@code item} and {@code context}), {@code alpha} (a finite number above 0), {@code beta},
 * {@code l1}, {@code l2} (finite numbers of at least 0) and {@code labelling} (the version of the labelling rules
 * {@code training.samples} follows, {@value TrainerSettings#LABELLING_VERSION}). Any other key is refused.
 *
 * @param name the lineage's readable name
 * @param config the lineage's configuration
 */
public record LineageRequest(String name, LineageConfig config) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Set<String> KEYS =
            Set.of("name", "hashBits", "crosses", "alpha", "beta", "l1", "l2", "labelling");
    private static final Set<String> NAMESPACES = Set.of(FeatureSpec.USER, FeatureSpec.ITEM, FeatureSpec.CONTEXT);

    /** A request refused for {@code field}, with a sentence saying why. */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The request of the JSON object {@code body}, omitted fields taken from {@code defaults}.
     *
     * @throws Invalid naming the field at fault
     */
    public static LineageRequest parse(Map<String, Object> body, LineageConfig defaults) {
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                throw new Invalid(
                        key, "'" + key + "' is not a field of a lineage; the fields are " + sorted(KEYS) + ".");
            }
        }
        Object name = body.get("name");
        if (!(name instanceof String text) || !NAME.matcher(text).matches()) {
            throw new Invalid(
                    "name",
                    "A lineage needs a name of 1 to 64 letters, digits, '.', '_' or '-', but it is " + describe(name)
                            + ".");
        }
        int bits = integer(body, "hashBits", defaults.hashBits());
        if (bits < 1 || bits > FeatureSpec.MAX_BITS) {
            throw new Invalid(
                    "hashBits", "hashBits must be between 1 and " + FeatureSpec.MAX_BITS + ", but it is " + bits + ".");
        }
        List<String> crosses = body.containsKey("crosses") ? crosses(body.get("crosses")) : defaults.crosses();
        double alpha = number(body, "alpha", defaults.alpha());
        if (!(alpha > 0)) {
            throw new Invalid("alpha", "alpha must be above 0, but it is " + alpha + ".");
        }
        double beta = nonNegative(body, "beta", defaults.beta());
        double l1 = nonNegative(body, "l1", defaults.l1());
        double l2 = nonNegative(body, "l2", defaults.l2());
        int labelling = integer(body, "labelling", defaults.labelling());
        if (labelling != TrainerSettings.LABELLING_VERSION) {
            throw new Invalid(
                    "labelling",
                    "labelling must be " + TrainerSettings.LABELLING_VERSION
                            + ", the version of the labelling rules training.samples follows, but it is " + labelling
                            + ".");
        }
        return new LineageRequest(text, new LineageConfig(bits, crosses, alpha, beta, l1, l2, labelling));
    }

    private static List<String> crosses(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new Invalid(
                    "crosses", "crosses must be a list such as [\"user*item\"], but it is " + describe(value) + ".");
        }
        List<String> crosses = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object item : list) {
            String[] sides = item instanceof String text ? text.split("\\*", -1) : new String[0];
            if (sides.length != 2
                    || !NAMESPACES.contains(sides[0])
                    || !NAMESPACES.contains(sides[1])
                    || sides[0].equals(sides[1])) {
                throw new Invalid(
                        "crosses",
                        "Each of crosses must be two different namespaces among " + sorted(NAMESPACES)
                                + " joined by '*', e.g. user*item, but one is " + describe(item) + ".");
            }
            if (!seen.add(sides[0] + "*" + sides[1])) {
                throw new Invalid("crosses", "crosses lists " + item + " twice.");
            }
            crosses.add(sides[0] + "*" + sides[1]);
        }
        return crosses;
    }

    private static int integer(Map<String, Object> body, String field, int fallback) {
        if (!body.containsKey(field)) {
            return fallback;
        }
        Object value = body.get(field);
        if (value instanceof Integer number) {
            return number;
        }
        throw new Invalid(field, field + " must be an integer, but it is " + describe(value) + ".");
    }

    private static double number(Map<String, Object> body, String field, double fallback) {
        if (!body.containsKey(field)) {
            return fallback;
        }
        Object value = body.get(field);
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw new Invalid(field, field + " must be a finite number, but it is " + describe(value) + ".");
    }

    private static double nonNegative(Map<String, Object> body, String field, double fallback) {
        double value = number(body, field, fallback);
        if (!(value >= 0)) {
            throw new Invalid(field, field + " must be 0 or more, but it is " + value + ".");
        }
        return value;
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
