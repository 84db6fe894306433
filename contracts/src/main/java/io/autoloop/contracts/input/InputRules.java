package io.autoloop.contracts.input;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rules both HTTP edges (the feedback-collector's events, the ab-router's ranking requests) hold every id, feature
 * name and feature value to: consumes one id, name, value or map size and produces the sentence that says what is
 * wrong with it, or nothing when it passes. Defined once so that an id or value one service accepts is never refused
 * by the other.
 *
 * <ul>
 *   <li><b>Ids</b> (user, item, event and decision ids): 1 to {@value #MAX_ID_LENGTH} Unicode code points, not blank,
 *       no control character (NUL included), no unpaired UTF-16 surrogate. Not configurable: ids cross from one service
 *       to the other, so both must take exactly the same ones.
 *   <li><b>Names</b> of features and context keys: the same characters as ids, at most {@code maxNameLength} code
 *       points.
 *   <li><b>Values</b>: a string of at most {@code maxStringLength} code points without an unpaired surrogate, a boolean,
 *       or a number that is finite and within ±{@code maxMagnitude}. A nested object or array is no value.
 *   <li><b>Maps</b> (the features of one namespace, an event's context): at most {@code maxFeatures} keys.
 * </ul>
 *
 * <p>Why these bounds: a feature value is multiplied by its weight, and the trainer squares the product, so one value
 * of 1e200 makes a model's accumulators infinite; 1e9 leaves room for any count, amount or duration in seconds, and an
 * identifier beyond it is sent as a string. The magnitude may not exceed 2^53, beyond which doubles no longer hold
 * every integer. Lengths are counted in code points, so an emoji counts once; an unpaired surrogate cannot be written
 * as UTF-8 and is refused wherever text is accepted.
 *
 * @param maxMagnitude largest absolute value of a number, in (0, 2^53]
 * @param maxFeatures most keys of one feature map or context
 * @param maxNameLength most code points of a feature name or context key
 * @param maxStringLength most code points of a string value
 */
public record InputRules(double maxMagnitude, int maxFeatures, int maxNameLength, int maxStringLength) {

    /** Most code points of an id. */
    public static final int MAX_ID_LENGTH = 128;

    /** Beyond this, doubles no longer represent every integer. */
    public static final double LARGEST_MAGNITUDE = 0x1p53;

    /** Numbers within ±1e9, 100 keys per map, names of 128 and strings of 1,024 code points. */
    public static final InputRules DEFAULTS = new InputRules(1e9, 100, 128, 1024);

    public InputRules {
        if (!(maxMagnitude > 0 && maxMagnitude <= LARGEST_MAGNITUDE)) {
            throw new IllegalArgumentException("The largest magnitude of a number must be above 0 and at most 2^53"
                    + " (9007199254740992), but it is " + maxMagnitude + ".");
        }
        if (maxFeatures < 1 || maxNameLength < 1 || maxStringLength < 1) {
            throw new IllegalArgumentException("The most keys per map, code points per name and code points per"
                    + " string must each be 1 or more, but they are " + maxFeatures + ", " + maxNameLength + " and "
                    + maxStringLength + ".");
        }
    }

    /** What is wrong with {@code id}, the value of {@code subject} (e.g. {@code userId}), if anything. */
    public static Optional<String> idProblem(String subject, String id) {
        return textProblem(subject, id, MAX_ID_LENGTH, true);
    }

    /** What is wrong with {@code name}, a feature name or context key described by {@code subject}, if anything. */
    public Optional<String> nameProblem(String subject, String name) {
        return textProblem(subject, name, maxNameLength, true);
    }

    /** What is wrong with the string value of {@code subject}, if anything. */
    public Optional<String> stringProblem(String subject, String value) {
        return textProblem(subject, value, maxStringLength, false);
    }

    /**
     * What is wrong with the number {@code value}, described by {@code subject}, if anything: it must be finite and
     * within ±{@link #maxMagnitude()}. The subject names the number as the caller wants it echoed (or not: a number
     * that may identify someone is better left out of a message that is stored).
     */
    public Optional<String> numberProblem(String subject, double value) {
        if (!Double.isFinite(value)) {
            return Optional.of(subject + " is too large to be a finite 64-bit number; numbers must lie within ±"
                    + plain(maxMagnitude) + ".");
        }
        if (Math.abs(value) > maxMagnitude) {
            return Optional.of(subject + " lies beyond ±" + plain(maxMagnitude)
                    + ", the largest magnitude a number may have; send an identifier as a string.");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a feature value as JSON data binding reads it, if anything: a string, a boolean or a number
     * passes its rule above; null is no value and passes (the caller decides whether it may be absent); anything else
     * (a nested object or array) is refused.
     */
    public Optional<String> valueProblem(String subject, Object value) {
        if (value == null || value instanceof Boolean) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return stringProblem(subject, text);
        }
        if (value instanceof Number number) {
            return numberProblem(subject, number.doubleValue());
        }
        return Optional.of(subject + " must be a string, a number or a boolean, but it is " + kind(value) + ".");
    }

    /** What is wrong with a map of {@code size} keys, described by {@code subject}, if anything. */
    public Optional<String> sizeProblem(String subject, int size) {
        if (size > maxFeatures) {
            return Optional.of(subject + " has " + size + " keys; at most " + maxFeatures + " are allowed.");
        }
        return Optional.empty();
    }

    private static Optional<String> textProblem(String subject, String text, int maxLength, boolean printable) {
        if (printable && text.isBlank()) {
            return Optional.of(subject + " must not be empty or blank.");
        }
        if (text.length() > maxLength) {
            int length = text.codePointCount(0, text.length());
            if (length > maxLength) {
                return Optional.of(subject + " has " + length + " characters; at most " + maxLength + " are allowed.");
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (printable && Character.isISOControl(c)) {
                return Optional.of(subject + " contains the control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + "; ids and names must be printable.");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(
                        subject + " contains an unpaired UTF-16 surrogate, which is not valid Unicode text.");
            }
        }
        return Optional.empty();
    }

    private static String kind(Object value) {
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
