package io.autoloop.contracts;

import java.time.Instant;

/**
 * Impressions and clicks of one experiment arm, published on {@code experiment.arm-stats} keyed by
 * experiment id: the counts of the window {@code [windowStart, windowEnd)} and the cumulative
 * counts since the experiment started.
 */
public record ArmStats(
        int schemaVersion,
        String experimentId,
        Arm arm,
        String modelVersion,
        long impressions,
        long clicks,
        long cumulativeImpressions,
        long cumulativeClicks,
        Instant windowStart,
        Instant windowEnd) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "ArmStats";

    public ArmStats {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(experimentId, NAME, "experimentId");
        Require.present(arm, NAME, "arm");
        Require.nonNegative(impressions, NAME, "impressions");
        Require.nonNegative(clicks, NAME, "clicks");
        Require.nonNegative(cumulativeImpressions, NAME, "cumulativeImpressions");
        Require.nonNegative(cumulativeClicks, NAME, "cumulativeClicks");
        Require.present(windowStart, NAME, "windowStart");
        Require.present(windowEnd, NAME, "windowEnd");
    }
}
