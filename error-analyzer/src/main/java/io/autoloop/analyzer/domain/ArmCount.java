package io.autoloop.analyzer.domain;

import io.autoloop.contracts.LabelledSample;
import java.util.Comparator;

/**
 * Impressions (labelled samples served in an arm) and clicks (those labelled 1) of one experiment arm, with the
 * model version of its latest-served sample ({@code servedAt}, epoch ms; ties go to the greater version string,
 * so merging in any order gives the same result).
 */
public record ArmCount(long impressions, long clicks, String modelVersion, long servedAt) {

    /** Nothing counted yet. */
    public static final ArmCount NONE = new ArmCount(0, 0, null, Long.MIN_VALUE);

    private static final Comparator<String> VERSIONS = Comparator.nullsFirst(Comparator.naturalOrder());

    public ArmCount {
        if (impressions < 0 || clicks < 0 || clicks > impressions) {
            throw new IllegalArgumentException("An ArmCount needs 0 ≤ clicks ≤ impressions, but has " + clicks
                    + " clicks and " + impressions + " impressions.");
        }
    }

    /** The count of one sample. */
    public static ArmCount of(LabelledSample sample) {
        return new ArmCount(
                1, sample.label(), sample.modelVersion(), sample.eventTime().toEpochMilli());
    }

    /** The count of both. */
    public ArmCount plus(ArmCount other) {
        boolean otherIsNewer = other.servedAt > servedAt
                || (other.servedAt == servedAt && VERSIONS.compare(other.modelVersion, modelVersion) > 0);
        ArmCount newer = otherIsNewer ? other : this;
        return new ArmCount(impressions + other.impressions, clicks + other.clicks, newer.modelVersion, newer.servedAt);
    }
}
