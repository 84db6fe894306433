package io.autoloop.contracts;

import java.util.Objects;

/** Checks the required fields of a wire record and names the missing one in a whole sentence. */
public final class Require {

    private Require() {}

    /** Returns {@code value}, or throws naming {@code field} of {@code record} when it is null. */
    public static <T> T present(T value, String record, String field) {
        if (value == null) {
            throw new IllegalArgumentException(
                    "A " + record + " needs the field '" + field + "', but it is missing or null.");
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} when it is null or blank. */
    public static String text(String value, String record, String field) {
        present(value, record, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("A " + record + " needs a non-empty '" + field + "', but it is blank.");
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} when it is negative. */
    public static long nonNegative(long value, String record, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "A " + record + " needs '" + field + "' to be zero or more, but it is " + value + ".");
        }
        return value;
    }

    /** Returns {@code value}, or throws naming {@code field} when it is not a finite number. */
    public static double finite(double value, String record, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "A " + record + " needs '" + field + "' to be a finite number, but it is " + value + ".");
        }
        return value;
    }

    /** The schema version to store: a missing version (0) is read as the current one. */
    public static int schemaVersion(int given, int current, String record) {
        if (given == 0) {
            return current;
        }
        if (given < 0 || given > current) {
            throw new IllegalArgumentException("A " + record + " has schemaVersion " + given
                    + ", but this build reads versions 1 to " + current + ".");
        }
        return given;
    }

    static <T> T orDefault(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
