package io.autoloop.analyzer.domain;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@link ArmCount}s of both arms of one experiment — over one window, or cumulative — and the start (epoch ms)
 * of the latest window that contributed to it.
 */
public record ArmTally(Map<Arm, ArmCount> counts, long latestWindowStart) {

    /** Nothing counted yet. */
    public static final ArmTally EMPTY = new ArmTally(Map.of(), Long.MIN_VALUE);

    public ArmTally {
        EnumMap<Arm, ArmCount> copy = new EnumMap<>(Arm.class);
        copy.putAll(counts);
        counts = Map.copyOf(copy);
    }

    /** A tally of one arm's count within the window starting at {@code windowStart}. */
    public static ArmTally of(Arm arm, ArmCount count, long windowStart) {
        return new ArmTally(Map.of(arm, count), windowStart);
    }

    /** The count of {@code arm}, {@link ArmCount#NONE} when it has none. */
    public ArmCount count(Arm arm) {
        return counts.getOrDefault(arm, ArmCount.NONE);
    }

    /**
     * The {@link ArmStats} of {@code arm}, taking this tally as the cumulative one and {@code window} as the tally
     * of the window {@code [windowStart, windowEnd)}; the model version is the one of the arm's latest sample.
     */
    public ArmStats armStats(String experimentId, Arm arm, ArmTally window, Instant windowStart, Instant windowEnd) {
        ArmCount total = count(arm);
        ArmCount inWindow = window.count(arm);
        return new ArmStats(
                ArmStats.SCHEMA_VERSION,
                experimentId,
                arm,
                total.modelVersion(),
                inWindow.impressions(),
                inWindow.clicks(),
                total.impressions(),
                total.clicks(),
                windowStart,
                windowEnd);
    }

    /** The tally of both. */
    public ArmTally plus(ArmTally other) {
        EnumMap<Arm, ArmCount> sum = new EnumMap<>(Arm.class);
        for (Arm arm : Arm.values()) {
            if (counts.containsKey(arm) || other.counts.containsKey(arm)) {
                sum.put(arm, count(arm).plus(other.count(arm)));
            }
        }
        return new ArmTally(sum, Math.max(latestWindowStart, other.latestWindowStart));
    }
}
