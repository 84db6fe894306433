package io.autoloop.learner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Hashes namespaced features ({@code {"user": {...}, "item": {...}, "context": {...}}} with string or numeric
 * values) into a caller-owned {@link FeatureVector}, following a {@link FeatureSpec}: the bias first, then one entry
 * per non-zero feature in iteration order, then the crosses.
 *
 * <p>Use it either whole, with {@link #hash(Map, FeatureVector)}, or feature by feature in a session:
 * {@link #begin(FeatureVector)}, any number of {@code add...} calls, then {@link #end()}, which appends the crosses.
 * A cross {@code left*right} appends, for every feature a of {@code left} and b of {@code right}, the coordinate of
 * the 64-bit MurmurHash3 input {@code (hash(a) << 32 | hash(b))} seeded by the hash of {@code "left*right"}, with
 * value {@code x(a) * x(b)}.
 *
 * <p>Allocation: none once warm. Keys are encoded to UTF-8 by hand into a reusable byte buffer, which grows for
 * longer keys; maps are walked with {@code Map.forEach} and pre-built visitors, so no iterator is created for
 * {@link java.util.HashMap} or {@link java.util.LinkedHashMap} (other maps may allocate their own iterators); the
 * per-namespace buffers the crosses need grow with the widest namespace seen. Only the exception messages allocate.
 *
 * <p>Not thread-safe: one hasher per thread.
 */
public final class FeatureHasher {

    private final FeatureSpec spec;
    private final int mask;
    private final int biasIndex;
    private final int seed;

    /** The distinct namespaces that take part in a cross; features of other namespaces are not remembered. */
    private final String[] crossedNamespaces;

    private final int[] crossLeft;
    private final int[] crossRight;
    private final int[] crossSeed;
    private final int[][] namespaceHashes;
    private final double[][] namespaceValues;
    private final int[] namespaceCounts;

    private byte[] buffer = new byte[128];
    private String[] sessionNamespaces = new String[32];
    private int[] sessionHashes = new int[32];
    private double[] sessionValues = new double[32];
    private int sessionSize;
    private FeatureVector out;
    private String lastNamespace;
    private int lastSlot = -1;
    private String visitedNamespace;

    private final BiConsumer<String, Object> featureVisitor = this::visitFeature;
    private final BiConsumer<String, Map<String, ?>> namespaceVisitor = this::visitNamespace;

    /** A hasher for {@code spec}. */
    public FeatureHasher(FeatureSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.mask = (1 << spec.bits()) - 1;
        this.biasIndex = spec.biasIndex();
        this.seed = spec.hashSeed();
        List<String> namespaces = new ArrayList<>();
        int crosses = spec.crosses().size();
        crossLeft = new int[crosses];
        crossRight = new int[crosses];
        crossSeed = new int[crosses];
        for (int k = 0; k < crosses; k++) {
            Cross cross = spec.crosses().get(k);
            crossLeft[k] = slotOf(namespaces, cross.left());
            crossRight[k] = slotOf(namespaces, cross.right());
            byte[] name = cross.toString().getBytes(StandardCharsets.UTF_8);
            crossSeed[k] = MurmurHash3.hash32x86(name, 0, name.length, seed);
        }
        crossedNamespaces = namespaces.toArray(String[]::new);
        namespaceHashes = new int[crossedNamespaces.length][16];
        namespaceValues = new double[crossedNamespaces.length][16];
        namespaceCounts = new int[crossedNamespaces.length];
    }

    private static int slotOf(List<String> namespaces, String namespace) {
        int slot = namespaces.indexOf(namespace);
        if (slot < 0) {
            namespaces.add(namespace);
            slot = namespaces.size() - 1;
        }
        return slot;
    }

    /** The spec this hasher follows. */
    public FeatureSpec spec() {
        return spec;
    }

    /**
     * Clears {@code out} and hashes every non-null feature of {@code features} into it, bias and crosses included.
     * Values follow {@link #addValue}.
     */
    public void hash(Map<String, ? extends Map<String, ?>> features, FeatureVector out) {
        begin(out);
        addAll(features);
        end();
    }

    /** Starts a session that fills {@code out}: clears it and appends the bias. */
    public void begin(FeatureVector out) {
        this.out = Objects.requireNonNull(out, "out");
        out.clear();
        out.add(biasIndex, 1.0);
        Arrays.fill(namespaceCounts, 0);
        sessionSize = 0;
    }

    /**
     * Hashes into {@code out} the features of {@code source}'s last (ended) session without hashing a key again: each
     * feature keeps its 32-bit hash, masked to this hasher's bits, and this hasher's crosses are appended. The vector
     * is exactly the one this hasher would make of the same features, for a fraction of the work: a search that
     * trains several feature specs on one example hashes its keys once.
     *
     * @throws IllegalArgumentException if the two hashers have different seeds (their hashes differ)
     * @throws IllegalStateException if {@code source} is in the middle of a session
     */
    public void hashLike(FeatureHasher source, FeatureVector out) {
        if (source.seed != seed) {
            throw new IllegalArgumentException("Only a hasher with the same seed can reuse another's hashes: this one"
                    + " has seed " + seed + ", the source " + source.seed + ".");
        }
        if (source.out != null) {
            throw new IllegalStateException("The source hasher is in the middle of a session; end() it first.");
        }
        begin(out);
        for (int i = 0; i < source.sessionSize; i++) {
            append(source.sessionNamespaces[i], source.sessionHashes[i], source.sessionValues[i]);
        }
        end();
    }

    /** Adds every non-null feature of a namespaced map to the current session. */
    public void addAll(Map<String, ? extends Map<String, ?>> features) {
        requireSession();
        features.forEach(namespaceVisitor);
    }

    /**
     * Adds feature {@code namespace^name} with a value as it comes from JSON to the current session: a string as a
     * string feature, a boolean as the string feature {@code true} or {@code false}, a number as a numeric feature
     * (zero adds nothing); a null adds nothing. These are exactly the values {@link #isValue} accepts.
     *
     * @throws IllegalArgumentException naming the feature when the value is a non-finite number or of any other type
     *     (a nested map or list, for example)
     */
    public void addValue(String namespace, String name, Object value) {
        if (value instanceof String text) {
            addString(namespace, name, text);
        } else if (value instanceof Boolean flag) {
            addString(namespace, name, flag ? "true" : "false");
        } else if (value instanceof Number number) {
            addNumeric(namespace, name, number.doubleValue());
        } else if (value != null) {
            throw new IllegalArgumentException("Feature " + namespace + "^" + name + " has a value of type "
                    + value.getClass().getSimpleName()
                    + "; feature values must be strings, numbers or booleans.");
        }
    }

    /**
     * Whether {@link #addValue} takes {@code value}: null (which adds nothing), a string, a boolean or a finite
     * number. A request validator asks this to refuse, naming the field, what hashing would refuse.
     */
    public static boolean isValue(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Boolean
                || (value instanceof Number number && Double.isFinite(number.doubleValue()));
    }

    /** Adds string feature {@code namespace^name=value} with value 1 to the current session. */
    public void addString(String namespace, String name, String value) {
        requireSession();
        int length = namespace.length() + name.length() + value.length() + 2;
        ensureBuffer(length);
        int end = encode(namespace, 0, namespace.length(), 0);
        buffer[end++] = '^';
        end = encode(name, 0, name.length(), end);
        buffer[end++] = '=';
        end = encode(value, 0, value.length(), end);
        append(namespace, MurmurHash3.hash32x86(buffer, 0, end, seed), 1.0);
    }

    /** Adds numeric feature {@code namespace^name} with {@code value} to the current session; zero adds nothing. */
    public void addNumeric(String namespace, String name, double value) {
        addKey(namespace, name, 0, name.length(), value);
    }

    /**
     * Adds feature {@code namespace^key} with {@code value}, where the key is {@code text[from, to)}, to the current
     * session; zero adds nothing. This is the form of a Vowpal Wabbit token, whose key for {@code f0=abc} is
     * {@code f0=abc} itself, so it hashes exactly like {@link #addString addString(namespace, "f0", "abc")}.
     */
    public void addKey(String namespace, CharSequence text, int from, int to, double value) {
        requireSession();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Feature " + namespace + "^" + text.subSequence(from, to)
                    + " has the non-finite value " + value + "; numeric features must be finite.");
        }
        if (value == 0.0) {
            return;
        }
        ensureBuffer(namespace.length() + (to - from) + 1);
        int end = encode(namespace, 0, namespace.length(), 0);
        buffer[end++] = '^';
        end = encode(text, from, to, end);
        append(namespace, MurmurHash3.hash32x86(buffer, 0, end, seed), value);
    }

    /** Ends the current session: appends the crosses of the features added since {@link #begin}. */
    public void end() {
        requireSession();
        FeatureVector target = out;
        for (int k = 0; k < crossSeed.length; k++) {
            int left = crossLeft[k];
            int right = crossRight[k];
            int[] leftHashes = namespaceHashes[left];
            double[] leftValues = namespaceValues[left];
            int[] rightHashes = namespaceHashes[right];
            double[] rightValues = namespaceValues[right];
            int rightCount = namespaceCounts[right];
            for (int a = 0, leftCount = namespaceCounts[left]; a < leftCount; a++) {
                long high = ((long) leftHashes[a]) << 32;
                for (int b = 0; b < rightCount; b++) {
                    int hash = MurmurHash3.hash32(high | (rightHashes[b] & 0xFFFFFFFFL), crossSeed[k]);
                    target.add(hash & mask, leftValues[a] * rightValues[b]);
                }
            }
        }
        out = null;
    }

    private void requireSession() {
        if (out == null) {
            throw new IllegalStateException("No hashing session is open; call begin(vector) first.");
        }
    }

    private void append(String namespace, int hash, double value) {
        out.add(hash & mask, value);
        if (sessionSize == sessionHashes.length) {
            sessionNamespaces = Arrays.copyOf(sessionNamespaces, sessionSize * 2);
            sessionHashes = Arrays.copyOf(sessionHashes, sessionSize * 2);
            sessionValues = Arrays.copyOf(sessionValues, sessionSize * 2);
        }
        sessionNamespaces[sessionSize] = namespace;
        sessionHashes[sessionSize] = hash;
        sessionValues[sessionSize] = value;
        sessionSize++;
        if (crossedNamespaces.length == 0) {
            return;
        }
        if (namespace != lastNamespace) {
            lastNamespace = namespace;
            lastSlot = -1;
            for (int s = 0; s < crossedNamespaces.length; s++) {
                if (crossedNamespaces[s].equals(namespace)) {
                    lastSlot = s;
                    break;
                }
            }
        }
        int slot = lastSlot;
        if (slot >= 0) {
            int count = namespaceCounts[slot];
            if (count == namespaceHashes[slot].length) {
                namespaceHashes[slot] = Arrays.copyOf(namespaceHashes[slot], count * 2);
                namespaceValues[slot] = Arrays.copyOf(namespaceValues[slot], count * 2);
            }
            namespaceHashes[slot][count] = hash;
            namespaceValues[slot][count] = value;
            namespaceCounts[slot] = count + 1;
        }
    }

    private void visitNamespace(String namespace, Map<String, ?> features) {
        if (namespace == null) {
            throw new IllegalArgumentException("A feature map has a null namespace; every namespace needs a name.");
        }
        if (features != null) {
            visitedNamespace = namespace;
            features.forEach(featureVisitor);
        }
    }

    private void visitFeature(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException(
                    "Namespace '" + visitedNamespace + "' has a feature with a null name; every feature needs one.");
        }
        addValue(visitedNamespace, name, value);
    }

    /** Makes room for {@code chars} UTF-16 units: at most 3 UTF-8 bytes each. */
    private void ensureBuffer(int chars) {
        int needed = chars * 3;
        if (buffer.length < needed) {
            buffer = new byte[Math.max(needed, buffer.length * 2)];
        }
    }

    /** Encodes {@code text[from, to)} as UTF-8 at {@code position}, as {@link String#getBytes} would. */
    private int encode(CharSequence text, int from, int to, int position) {
        byte[] bytes = buffer;
        int p = position;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[p++] = (byte) c;
            } else if (c < 0x800) {
                bytes[p++] = (byte) (0xC0 | (c >> 6));
                bytes[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                bytes[p++] = (byte) (0xF0 | (codePoint >> 18));
                bytes[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                bytes[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                bytes[p++] = (byte) (0x80 | (codePoint & 0x3F));
            } else if (Character.isSurrogate(c)) {
                bytes[p++] = '?';
            } else {
                bytes[p++] = (byte) (0xE0 | (c >> 12));
                bytes[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }
}
