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

    private static boolean hasSeparator(String namespace) {
        return namespace.indexOf('*') >= 0 || namespace.indexOf(',') >= 0 || namespace.indexOf(';') >= 0;
    }

    /** The canonical text of this cross, {@code left*right}, as it appears in a feature spec fingerprint. */
    @Override
    public String toString() {
        return left + "*" + right;
    }
}
