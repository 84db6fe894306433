package io.autoloop.router.domain.statistics;

import io.autoloop.router.domain.serving.Bucketing;
import java.time.Instant;
import java.util.Objects;

/**
 * The counts an experiment gathered while one challenger weight was in force: a stratum of the lift estimate and
 * the population of the sample-ratio check.
 *
 * <p>{@code champion} and {@code challenger} hold every impression counted since the weight changed. The arm stats
 * reach the router an attribution lag after the decisions were served, so the first counts after a change still
 * come from the previous weight; {@code settledChampion} and {@code settledChallenger} hold only the counts that
 * arrived once {@code startedAt + attributionLag} had passed, which are the ones served under this weight.
 *
 * @param challengerBuckets the challenger's buckets (out of {@link Bucketing#BUCKETS}) during this segment
 * @param startedAt when this weight took effect
 */
public record Segment(
        int challengerBuckets,
        Instant startedAt,
        ArmCounts champion,
        ArmCounts challenger,
        ArmCounts settledChampion,
        ArmCounts settledChallenger) {

    public Segment {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(settledChampion, "settledChampion");
        Objects.requireNonNull(settledChallenger, "settledChallenger");
    }

    /** An empty segment for a weight that takes effect at {@code startedAt}. */
    public static Segment starting(int challengerBuckets, Instant startedAt) {
        return new Segment(
                challengerBuckets, startedAt, ArmCounts.ZERO, ArmCounts.ZERO, ArmCounts.ZERO, ArmCounts.ZERO);
    }

    /** This segment with new counts added, also to the settled counts when {@code settled}. */
    public Segment add(ArmCounts newChampion, ArmCounts newChallenger, boolean settled) {
        return new Segment(
                challengerBuckets,
                startedAt,
                champion.plus(newChampion),
                challenger.plus(newChallenger),
                settled ? settledChampion.plus(newChampion) : settledChampion,
                settled ? settledChallenger.plus(newChallenger) : settledChallenger);
    }
}
