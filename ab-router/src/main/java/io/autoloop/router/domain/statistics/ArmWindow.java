package io.autoloop.router.domain.statistics;

import java.time.Instant;
import java.util.Objects;

/**
 * Both arms' impressions and clicks of one arm-stats window {@code [start, end)} of event time: the decisions served
 * in it, however late the error-analyzer reported them. A window's counts only grow as late samples arrive, so a newer
 * report of the same window replaces the older one ({@link #max}).
 */
public record ArmWindow(Instant start, Instant end, ArmCounts champion, ArmCounts challenger) {

    public ArmWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException(
                    "An arm-stats window must end after it starts, got [" + start + ", " + end + ").");
        }
    }

    /** The larger of each arm's counts of this window and {@code other}, a report of the same window. */
    public ArmWindow max(ArmWindow other) {
        return new ArmWindow(start, end, champion.max(other.champion), challenger.max(other.challenger));
    }
}
