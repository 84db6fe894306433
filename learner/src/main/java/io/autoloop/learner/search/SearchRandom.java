package io.autoloop.learner.search;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Random;

/**
 * The generator of {@link java.util.Random} whose position can be saved and restored: consumes a seed (or a saved
 * state) and produces exactly the numbers {@code new Random(seed)} would, so an {@link OnlineSearch} restored from its
 * state draws what it would have drawn without the interruption.
 *
 * <p>{@code java.util.Random} keeps its 48-bit state and the second Gaussian of a pair in private fields; this class
 * keeps them in its own, overriding {@link #next(int)} with the same linear congruential generator (Knuth, TAOCP
 * Vol. 2, Section 3.2.1, as {@code Random} documents it) and {@link #nextGaussian()} with the same polar method
 * (Section 3.4.1, Algorithm C). Every other method of {@code Random} draws through {@link #next(int)}. Not
 * thread-safe: one search owns it.
 */
final class SearchRandom extends Random {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    // No initialisers: Random's constructor calls setSeed before the fields of this class would be initialised.
    private long state;
    private boolean haveNextGaussian;
    private double nextGaussian;

    SearchRandom(long seed) {
        super(seed);
    }

    @Override
    public void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
        haveNextGaussian = false;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    @Override
    public double nextGaussian() {
        if (haveNextGaussian) {
            haveNextGaussian = false;
            return nextGaussian;
        }
        double v1;
        double v2;
        double s;
        do {
            v1 = 2 * nextDouble() - 1;
            v2 = 2 * nextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s >= 1 || s == 0);
        double multiplier = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        nextGaussian = v2 * multiplier;
        haveNextGaussian = true;
        return v1 * multiplier;
    }

    /** Writes the generator's position: i64 state | bool has a second Gaussian | f64 that Gaussian. */
    void writeTo(DataOutput out) throws IOException {
        out.writeLong(state);
        out.writeBoolean(haveNextGaussian);
        out.writeDouble(nextGaussian);
    }

    /** Moves the generator to a position {@link #writeTo} wrote. */
    void readFrom(DataInput in) throws IOException {
        state = in.readLong() & MASK;
        haveNextGaussian = in.readBoolean();
        nextGaussian = in.readDouble();
    }
}
