package io.autoloop.simulator.world;

/**
 * The chance that a user examines the slot an item is shown in: {@code f(k) = 2 / (k + 2)} for the 0-based slot k,
 * that is 1, 0.667, 0.5, 0.4, 0.333, … from the top. A click needs examination and appeal ({@link TrueClickModel}).
 */
public final class PositionBias {

    private PositionBias() {}

    /** The examination probability of the 0-based {@code slot}. */
    public static double factor(int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("A slot is 0-based and cannot be negative, but it is " + slot + ".");
        }
        return 2.0 / (slot + 2.0);
    }
}
