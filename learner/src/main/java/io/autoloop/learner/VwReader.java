package io.autoloop.learner;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads examples in Vowpal Wabbit's text format and produces, per line, a label, a weight and the hashed
 * features in a caller's {@link FeatureVector} (or, with {@link #toExample(String)}, a {@link LabelledExample}).
 *
 * <p>A line is {@code label [weight] ['tag] |namespace[:scale] token token |namespace ...}. The label becomes 1
 * when positive and 0 otherwise (VW's -1/+1). A token {@code key:number} is feature {@code namespace^key} with that
 * number (times the namespace's scale); a token without a colon has value 1; zero values are dropped. A key such as
 * {@code f0=abc} is hashed whole, which is what {@link FeatureHasher#addString} does for string feature
 * {@code f0 = abc}; so {@code |u f0=abc if0:0.74} means {@code {"u": {"f0": "abc", "if0": 0.74}}}. A block that
 * starts with {@code "| "} is the default namespace, the empty string.
 *
 * <p>Allocation per line: the line {@link String} and, for feature values that are not small integers, one
 * substring to parse; namespaces are interned. Not thread-safe.
 */
public final class VwReader implements Closeable {

    private final BufferedReader in;
    private final FeatureHasher hasher;
    private final TokenSink hashingSink;
    private final Scanner scanner = new Scanner();
    private long lineNumber;

    /** A reader of {@code in} that hashes with {@code hasher}. */
    public VwReader(Reader in, FeatureHasher hasher) {
        Objects.requireNonNull(in, "in");
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in, 1 << 16);
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.hashingSink = hasher::addKey;
    }

    /** A reader of a UTF-8 file. */
    public static VwReader open(Path file, FeatureHasher hasher) throws IOException {
        return new VwReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), hasher);
    }

    /**
     * Hashes the next example into {@code out}, skipping blank lines; its label and weight are then available.
     *
     * @return false at the end of the input
     * @throws IllegalArgumentException naming the line when a line is malformed
     */
    public boolean next(FeatureVector out) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            try {
                if (parse(line, out)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + lineNumber + " of the VW input: " + e.getMessage(), e);
            }
        }
        return false;
    }

    /**
     * Hashes one line into {@code out}; its label and weight are then available.
     *
     * @return false if the line is blank (then {@code out} is untouched)
     * @throws IllegalArgumentException if the line is malformed
     */
    public boolean parse(String line, FeatureVector out) {
        if (scanner.isBlank(line)) {
            return false;
        }
        hasher.begin(out);
        scanner.scan(line, hashingSink);
        hasher.end();
        return true;
    }

    /** The label of the last example, 0 or 1. */
    public double label() {
        return scanner.label;
    }

    /** The importance weight of the last example, 1 unless the line gave one. */
    public double weight() {
        return scanner.weight;
    }

    /** The number of lines read so far, blank ones included. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * One VW line as a namespaced example. A token {@code name=value} with value 1 becomes string feature
     * {@code name → value}; any other token becomes a numeric feature named by its whole key. A numeric key repeated
     * in one namespace is summed, where VW would keep two entries; a repeated string feature is rejected.
     *
     * @throws IllegalArgumentException if the line is blank or malformed
     */
    public static LabelledExample toExample(String line) {
        Scanner scanner = new Scanner();
        if (scanner.isBlank(line)) {
            throw new IllegalArgumentException("A blank line holds no VW example.");
        }
        Map<String, Map<String, Object>> features = new LinkedHashMap<>();
        scanner.scan(line, (namespace, text, from, to, value) -> {
            Map<String, Object> values = features.computeIfAbsent(namespace, ns -> new LinkedHashMap<>());
            int equals = text.indexOf('=', from);
            boolean string = value == 1.0 && equals >= 0 && equals < to;
            String name = text.substring(from, string ? equals : to);
            Object previous = values.get(name);
            if (previous == null) {
                values.put(name, string ? text.substring(equals + 1, to) : (Object) value);
            } else if (!string && previous instanceof Double sum) {
                values.put(name, sum + value);
            } else {
                throw new IllegalArgumentException("Feature " + namespace + "^" + name
                        + " appears twice with values that cannot be summed; a namespaced map holds one per name.");
            }
        });
        return new LabelledExample(scanner.label, scanner.weight, scanner.tag, features);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Receives one feature token: namespace, key {@code text[from, to)} and value. */
    @FunctionalInterface
    private interface TokenSink {
        void token(String namespace, String text, int from, int to, double value);
    }

    /** Splits one line into its label, weight, tag and feature tokens. */
    private static final class Scanner {

        private static final int MAX_INTERNED = 256;

        private final List<String> namespaces = new ArrayList<>();
        private double label;
        private double weight;
        private String tag;

        boolean isBlank(String line) {
            return skipSpaces(line, 0, line.length()) == line.length();
        }

        void scan(String line, TokenSink sink) {
            int length = line.length();
            int bar = line.indexOf('|');
            int headEnd = bar < 0 ? length : bar;
            int start = skipSpaces(line, 0, headEnd);
            if (start == headEnd) {
                throw new IllegalArgumentException("The line has no label before its first '|'.");
            }
            int end = tokenEnd(line, start, headEnd);
            label = number(line, start, end, "label") > 0 ? 1.0 : 0.0;
            weight = 1.0;
            tag = null;
            start = skipSpaces(line, end, headEnd);
            if (start < headEnd && line.charAt(start) != '\'') {
                end = tokenEnd(line, start, headEnd);
                weight = number(line, start, end, "importance weight");
                if (!(weight >= 0) || !Double.isFinite(weight)) {
                    throw new IllegalArgumentException(
                            "The importance weight must be finite and non-negative, got " + weight + ".");
                }
                start = skipSpaces(line, end, headEnd);
            }
            if (start < headEnd) {
                if (line.charAt(start) != '\'') {
                    throw new IllegalArgumentException(
                            "Unexpected '" + line.substring(start, headEnd).strip()
                                    + "' after the label and weight; a tag starts with a quote.");
                }
                end = tokenEnd(line, start, headEnd);
                tag = line.substring(start + 1, end);
                if (skipSpaces(line, end, headEnd) != headEnd) {
                    throw new IllegalArgumentException(
                            "Unexpected text after the tag '" + tag + "'; features follow a '|'.");
                }
            }
            int position = bar;
            while (position >= 0) {
                int next = line.indexOf('|', position + 1);
                int blockEnd = next < 0 ? length : next;
                int p = position + 1;
                String namespace = "";
                double scale = 1.0;
                if (p < blockEnd && !isSpace(line.charAt(p))) {
                    int nameEnd = tokenEnd(line, p, blockEnd);
                    int colon = indexOf(line, ':', p, nameEnd);
                    namespace = intern(line, p, colon < 0 ? nameEnd : colon);
                    if (colon >= 0) {
                        scale = number(line, colon + 1, nameEnd, "namespace scale");
                    }
                    p = nameEnd;
                }
                while ((p = skipSpaces(line, p, blockEnd)) < blockEnd) {
                    int tokenEnd = tokenEnd(line, p, blockEnd);
                    int colon = indexOf(line, ':', p, tokenEnd);
                    double value = colon < 0 ? 1.0 : number(line, colon + 1, tokenEnd, "feature value");
                    sink.token(namespace, line, p, colon < 0 ? tokenEnd : colon, value * scale);
                    p = tokenEnd;
                }
                position = next;
            }
        }

        private String intern(String line, int from, int to) {
            int length = to - from;
            for (int i = 0, size = namespaces.size(); i < size; i++) {
                String namespace = namespaces.get(i);
                if (namespace.length() == length && line.regionMatches(from, namespace, 0, length)) {
                    return namespace;
                }
            }
            String namespace = line.substring(from, to);
            if (namespaces.size() < MAX_INTERNED) {
                namespaces.add(namespace);
            }
            return namespace;
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private static int skipSpaces(String line, int from, int to) {
            int i = from;
            while (i < to && isSpace(line.charAt(i))) {
                i++;
            }
            return i;
        }

        private static int tokenEnd(String line, int from, int to) {
            int i = from;
            while (i < to && !isSpace(line.charAt(i))) {
                i++;
            }
            return i;
        }

        private static int indexOf(String line, char c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (line.charAt(i) == c) {
                    return i;
                }
            }
            return -1;
        }

        /** Parses {@code line[from, to)}: small integers directly, anything else with {@link Double#parseDouble}. */
        private static double number(String line, int from, int to, String what) {
            int i = from;
            boolean negative = false;
            if (i < to && (line.charAt(i) == '-' || line.charAt(i) == '+')) {
                negative = line.charAt(i) == '-';
                i++;
            }
            if (i < to && to - i <= 9) {
                int value = 0;
                int j = i;
                while (j < to && line.charAt(j) >= '0' && line.charAt(j) <= '9') {
                    value = value * 10 + (line.charAt(j) - '0');
                    j++;
                }
                if (j == to) {
                    return negative ? -value : value;
                }
            }
            String text = line.substring(from, to);
            try {
                double value = Double.parseDouble(text);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("The " + what + " '" + text + "' is not finite.");
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The " + what + " '" + text + "' is not a number.", e);
            }
        }
    }
}
