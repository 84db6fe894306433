package io.autoloop.learner;

import java.util.Arrays;

/**
 * An immutable open-addressing map from coordinate to weight, holding only non-zero weights, that
 * {@link ModelSnapshot} scores with: linear probing over a power-of-two table at most half full, keyed by a
 * Fibonacci hash of the coordinate.
 *
 * <p>Chosen over binary search in a sorted index array after measuring both (see {@code docs/benchmarks.md}): a lookup
 * here touches one or two cache lines, a binary search over 10^5 keys about 17.
 */
final class WeightTable {

    private static final int EMPTY = -1;

    private final int[] keys;
    private final double[] values;
    private final int shift;
    private final int size;

    /** A table of the given coordinates (distinct, non-negative) and weights (non-zero). */
    WeightTable(int[] indices, double[] weights) {
        if (indices.length != weights.length) {
            throw new IllegalArgumentException("A weight table needs one weight per coordinate, got " + indices.length
                    + " coordinates and " + weights.length + " weights.");
        }
        int capacity = Integer.highestOneBit(Math.max(1, indices.length) * 2 - 1) << 1;
        capacity = Math.max(capacity, 2);
        keys = new int[capacity];
        values = new double[capacity];
        Arrays.fill(keys, EMPTY);
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        int mask = capacity - 1;
        for (int i = 0; i < indices.length; i++) {
            int key = indices[i];
            if (key < 0) {
                throw new IllegalArgumentException("A weight coordinate must be non-negative, got " + key + ".");
            }
            int slot = slotOf(key);
            while (keys[slot] != EMPTY) {
                if (keys[slot] == key) {
                    throw new IllegalArgumentException("The weight table lists coordinate " + key + " twice.");
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = weights[i];
        }
        size = indices.length;
    }

    private int slotOf(int key) {
        return (key * 0x9E3779B9) >>> shift;
    }

    /** The weight of {@code index}, 0 when it has none. */
    double get(int index) {
        int mask = keys.length - 1;
        int slot = slotOf(index);
        while (true) {
            int key = keys[slot];
            if (key == index) {
                return values[slot];
            }
            if (key == EMPTY) {
                return 0.0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The number of non-zero weights. */
    int size() {
        return size;
    }

    /** The coordinates held, ascending. */
    int[] sortedIndices() {
        int[] indices = new int[size];
        int k = 0;
        for (int key : keys) {
            if (key != EMPTY) {
                indices[k++] = key;
            }
        }
        Arrays.sort(indices);
        return indices;
    }
}
