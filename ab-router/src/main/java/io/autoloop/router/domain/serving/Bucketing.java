package io.autoloop.router.domain.serving;

import io.autoloop.contracts.Arm;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Assigns a pseudonymous user id to one of {@value #BUCKETS} buckets of an experiment, and a bucket to an arm.
 *
 * <p>The bucket is the unsigned 32-bit MurmurHash3 (x86 variant, seed 0) of the UTF-8 bytes of
 * {@code seed + ":" + userId}, modulo {@value #BUCKETS}: it depends on nothing but the experiment's seed and the
 * user, so every replica, before and after a restart, puts a user in the same bucket. The challenger owns the buckets
 * {@code [0, challengerBuckets)}; as its weight grows its range only widens, so a user who saw the challenger keeps
 * seeing it.
 */
public final class Bucketing {

    /** The number of buckets: one bucket is 0.01 % of the traffic. */
    public static final int BUCKETS = 10_000;

    private Bucketing() {}

    /** The bucket of {@code userId} in the experiment seeded with {@code seed}, in {@code [0, BUCKETS)}. */
    public static int bucketOf(String seed, String userId) {
        byte[] key = (seed + ":" + userId).getBytes(StandardCharsets.UTF_8);
        int hash = MurmurHash3.hash32x86(key, 0, key.length, 0);
        return (int) (Integer.toUnsignedLong(hash) % BUCKETS);
    }

    /** The arm of {@code bucket} when the challenger owns the first {@code challengerBuckets} buckets. */
    public static Arm armOf(int bucket, int challengerBuckets) {
        return bucket < challengerBuckets ? Arm.CHALLENGER : Arm.CHAMPION;
    }

    /** The number of buckets a challenger weight in percent owns, rounded to the nearest bucket. */
    public static int bucketsOf(double percent) {
        if (!(percent >= 0.0 && percent <= 100.0)) {
            throw new IllegalArgumentException(
                    "A challenger weight must be between 0 and 100 percent, got " + percent + ".");
        }
        return (int) Math.round(percent * BUCKETS / 100.0);
    }

    /** The percentage of traffic {@code buckets} buckets carry. */
    public static double percentOf(int buckets) {
        return buckets * 100.0 / BUCKETS;
    }
}
