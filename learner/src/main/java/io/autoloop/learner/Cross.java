package io.autoloop.learner;

import java.util.Objects;

/**
 * One namespace cross of a {@link FeatureSpec}: every feature of {@code left} is paired with every feature of
 * {@code right} into a new feature whose value is the product of the two values.
 *
 * @param left the first namespace, for example {@code user}
 * @param right the second namespace, for example {@code item}; it must differ from {@code left}
 */
public record Cross(String left, String right) {

    public Cross {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (left.isBlank() || right.isBlank()) {
            throw new IllegalArgumentException(
                    "A cross needs two non-blank namespaces, got '" + left + "' and '" + right + "'.");
        }
        if (hasSeparator(left) || hasSeparator(right)) {
            throw new IllegalArgumentException(
                    "Cross namespaces may not contain '*', ',' or ';', got '" + left + "' and '" + right + "'.");
        }
        if (left.equals(right)) {
            throw new IllegalArgumentException(
                    "A cross of namespace '" + left + "' with itself is not supported; cross two namespaces.");
        }
    }

    /**
     * The cross written {@code left*right}, as {@link #toString()} writes it.
     *
     * @throws IllegalArgumentException with a sentence naming the text when it is not two namespaces joined by one
     *     {@code *}
     */
    public static Cross parse(String text) {
        String[] sides = Objects.requireNonNull(text, "text").split("\\*", -1);
        if (sides.length != 2) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a cross; write it as two namespaces joined by '*', e.g. user*item.");
        }
        return new Cross(sides[0].trim(), sides[1].trim());
    }

    private static boolean hasSeparator(String namespace) {
        return namespace.indexOf('*') >= 0 || namespace.indexOf(',') >= 0 || namespace.indexOf(';') >= 0;
    }

    /** The canonical text of this cross, {@code left*right}, as it appears in a feature spec fingerprint. */
    @Override
    public String toString() {
        return left + "*" + right;
    }
}
