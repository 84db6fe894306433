package io.autoloop.simulator.world;

/** Derives independent seeds from one seed: the SplitMix64 finalizer of {@code seed + φ·(index + 1)}. */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** A seed for the {@code index}-th stream of {@code seed}. */
    public static long mix(long seed, long index) {
        long z = seed + GOLDEN_GAMMA * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
