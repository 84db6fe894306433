package io.autoloop.router.domain.statistics;

/**
 * Impressions and clicks of one arm, as the error-analyzer counts them: impressions are labelled samples of
 * decisions served on the arm, clicks the samples labelled 1.
 */
public record ArmCounts(long impressions, long clicks) {

    /** No impressions, no clicks. */
    public static final ArmCounts ZERO = new ArmCounts(0, 0);

    public ArmCounts {
        if (impressions < 0 || clicks < 0 || clicks > impressions) {
            throw new IllegalArgumentException("Arm counts need 0 <= clicks <= impressions, got " + clicks
                    + " clicks of " + impressions + " impressions.");
        }
    }

    /** The sum of both counts. */
    public ArmCounts plus(ArmCounts other) {
        return new ArmCounts(impressions + other.impressions, clicks + other.clicks);
    }

    /**
     * What {@code later} adds to these cumulative counts; a count that went down (an analyzer restarted from older
     * state) adds nothing.
     */
    public ArmCounts increaseTo(ArmCounts later) {
        long newImpressions = Math.max(0, later.impressions - impressions);
        long newClicks = Math.min(newImpressions, Math.max(0, later.clicks - clicks));
        return new ArmCounts(newImpressions, newClicks);
    }

    /** The larger of each count, so that cumulative counts never go back. */
    public ArmCounts max(ArmCounts other) {
        long maxImpressions = Math.max(impressions, other.impressions);
        return new ArmCounts(maxImpressions, Math.min(maxImpressions, Math.max(clicks, other.clicks)));
    }

    /** Clicks over impressions, 0 without impressions. */
    public double ctr() {
        return impressions == 0 ? 0.0 : (double) clicks / impressions;
    }
}
