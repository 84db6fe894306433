package io.autoloop.learner;

import java.util.Arrays;

/**
 * A caller-owned, reusable sparse vector of (coordinate, value) pairs that {@link FeatureHasher} fills and
 * {@link FtrlLearner} and {@link ModelSnapshot} consume; it grows when needed and otherwise never allocates.
 *
 * <p>Entries keep their insertion order and may repeat a coordinate (a hash collision); learners treat each entry
 * on its own, as Vowpal Wabbit does. Not thread-safe: one vector per thread.
 */
public final class FeatureVector {

    private int[] indices;
    private double[] values;
    private int size;

    /** A vector with room for 64 entries before it grows. */
    public FeatureVector() {
        this(64);
    }

    /** A vector with room for {@code capacity} entries before it grows. */
    public FeatureVector(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "A feature vector needs a capacity of at least 1, got " + capacity + ".");
        }
        indices = new int[capacity];
        values = new double[capacity];
    }

    /** Removes every entry, keeping the buffers. */
    public void clear() {
        size = 0;
    }

    /** Appends one entry; the coordinate must be non-negative. */
    public void add(int index, double value) {
        if (index < 0) {
            throw new IllegalArgumentException("A feature coordinate must be non-negative, got " + index + ".");
        }
        if (size == indices.length) {
            indices = Arrays.copyOf(indices, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        indices[size] = index;
        values[size] = value;
        size++;
    }

    /** Replaces this vector's entries with a copy of {@code other}'s. */
    public void copyFrom(FeatureVector other) {
        if (indices.length < other.size) {
            indices = new int[other.indices.length];
            values = new double[other.values.length];
        }
        System.arraycopy(other.indices, 0, indices, 0, other.size);
        System.arraycopy(other.values, 0, values, 0, other.size);
        size = other.size;
    }

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** The coordinate of entry {@code i}, {@code 0 <= i < size()}. */
    public int index(int i) {
        return indices[i];
    }

    /** The value of entry {@code i}, {@code 0 <= i < size()}. */
    public double value(int i) {
        return values[i];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FeatureVector[");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(indices[i]).append(':').append(values[i]);
        }
        return text.append(']').toString();
    }
}
