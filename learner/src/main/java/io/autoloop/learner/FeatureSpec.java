package io.autoloop.learner;

import java.util.List;
import java.util.Objects;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Describes how {@link FeatureHasher} turns namespaced features into coordinates: 2^{@code bits} hashed slots plus
 * one bias slot, a MurmurHash3 seed and the namespace crosses; models and checkpoints carry it so a trainer can
 * tell when the spec changed.
 *
 * <p>A string feature {@code name = value} in namespace {@code ns} hashes the UTF-8 bytes of
 * {@code ns^name=value} with value 1; a numeric one hashes {@code ns^name} and keeps its number. The slot is the
 * 32-bit MurmurHash3 (x86 variant) of those bytes masked to its low {@code bits} bits; the bias lives in slot
 * {@code 2^bits}, which no hashed feature reaches.
 *
 * @param bits the number of hash bits b, from 1 to {@value #MAX_BITS}; {@value #DEFAULT_BITS} by default
 * @param hashSeed the MurmurHash3 seed, 0 by default
 * @param crosses the namespace crosses, in the order their features are appended; user × item by default
 */
public record FeatureSpec(int bits, int hashSeed, List<Cross> crosses) {

    /** The default number of hash bits: 4,194,304 slots. */
    public static final int DEFAULT_BITS = 22;

    /** The largest number of hash bits: a trainer keeps two dense arrays of 2^bits doubles. */
    public static final int MAX_BITS = 28;

    /** Namespace of the user's features. */
    public static final String USER = "user";

    /** Namespace of the item's features. */
    public static final String ITEM = "item";

    /** Namespace of the request context's features. */
    public static final String CONTEXT = "context";

    /**
     * Version of the hashing scheme itself (key layout, UTF-8, cross combination); it is part of the
     * fingerprint, so changing the scheme changes every fingerprint.
     */
    static final int HASHING_SCHEME = 1;

    public FeatureSpec {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException(
                    "Feature hashing needs between 1 and " + MAX_BITS + " bits, got " + bits + ".");
        }
        crosses = List.copyOf(Objects.requireNonNull(crosses, "crosses"));
        if (crosses.stream().distinct().count() != crosses.size()) {
            throw new IllegalArgumentException("The feature spec lists a cross twice: " + crosses + ".");
        }
    }

    /** The default spec: {@value #DEFAULT_BITS} bits, seed 0, user × item cross. */
    public static FeatureSpec defaults() {
        return new FeatureSpec(DEFAULT_BITS, 0, List.of(new Cross(USER, ITEM)));
    }

    /** A spec with the given bits, seed 0 and no crosses, as Vowpal Wabbit uses without {@code -q}. */
    public static FeatureSpec withoutCrosses(int bits) {
        return new FeatureSpec(bits, 0, List.of());
    }

    /** The number of coordinates: 2^bits hashed slots plus the bias slot. */
    public int dimension() {
        return (1 << bits) + 1;
    }

    /** The bias slot, {@code 2^bits}. */
    public int biasIndex() {
        return 1 << bits;
    }

    /** The canonical text of this spec, for example {@code murmur3_32x86/1;bits=22;seed=0;crosses=user*item}. */
    public String canonical() {
        StringBuilder text = new StringBuilder("murmur3_32x86/")
                .append(HASHING_SCHEME)
                .append(";bits=")
                .append(bits)
                .append(";seed=")
                .append(hashSeed)
                .append(";crosses=");
        for (int i = 0; i < crosses.size(); i++) {
            text.append(i == 0 ? "" : ",").append(crosses.get(i));
        }
        return text.toString();
    }

    /**
     * A short, stable identifier of this spec: the first 16 hex digits of the SHA-256 of {@link #canonical()}.
     * Two specs hash every feature map identically exactly when their fingerprints are equal.
     */
    public String fingerprint() {
        return DigestUtils.sha256Hex(canonical()).substring(0, 16);
    }
}
