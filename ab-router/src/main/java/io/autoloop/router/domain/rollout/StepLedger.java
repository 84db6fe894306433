package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import io.autoloop.router.domain.statistics.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Files arm-stats windows into an experiment's {@link Segment}s by event time: a window belongs to the segment in
 * force at its start (the first segment for a window that started before it), so a late report of a window counts
 * for the weight it was served under, not for the step in force when it arrived.
 */
final class StepLedger {

    private StepLedger() {}

    /**
     * {@code segments} with each window of {@code windows} recorded in the segment that already holds it, or else in
     * the segment in force at its start. A window stays where it was first filed: a window whose start lies ahead of
     * this clock (a replica's clock running fast) must not be counted again in a step that began after it was filed.
     */
    static List<Segment> record(List<Segment> segments, List<ArmWindow> windows) {
        List<Segment> recorded = new ArrayList<>(segments);
        for (ArmWindow window : windows) {
            int index = holding(recorded, window.start());
            if (index < 0) {
                index = segmentAt(recorded, window.start());
            }
            recorded.set(index, recorded.get(index).record(window));
        }
        return recorded;
    }

    private static int holding(List<Segment> segments, Instant start) {
        for (int i = 0; i < segments.size(); i++) {
            for (ArmWindow held : segments.get(i).open()) {
                if (held.start().equals(start)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code segments} with every window that ended before {@code horizon} folded into its segment's sums. */
    static List<Segment> fold(List<Segment> segments, Instant horizon, Duration settle) {
        List<Segment> folded = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            folded.add(segments.get(i).fold(horizon, endOf(segments, i), settle));
        }
        return folded;
    }

    /** Each segment's sums with its open windows counted in: the strata the tests read. */
    static List<Segment> counted(List<Segment> segments, Duration settle) {
        List<Segment> counted = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            counted.add(segments.get(i).counted(endOf(segments, i), settle));
        }
        return counted;
    }

    /** The champion's counts over {@code strata}. */
    static ArmCounts champion(List<Segment> strata) {
        return strata.stream().map(Segment::champion).reduce(ArmCounts.ZERO, ArmCounts::plus);
    }

    /** The challenger's counts over {@code strata}. */
    static ArmCounts challenger(List<Segment> strata) {
        return strata.stream().map(Segment::challenger).reduce(ArmCounts.ZERO, ArmCounts::plus);
    }

    private static Instant endOf(List<Segment> segments, int index) {
        return index + 1 < segments.size() ? segments.get(index + 1).startedAt() : null;
    }

    private static int segmentAt(List<Segment> segments, Instant time) {
        int index = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).startedAt().isAfter(time)) {
                index = i;
            }
        }
        return index;
    }
}
