package io.autoloop.router.domain.statistics;

import io.autoloop.router.domain.serving.Bucketing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The counts of the decisions served while one challenger weight was in force: a stratum of the lift estimate and the
 * population of the step's sample-ratio check and exposure.
 *
 * <p>A window of event time belongs to the segment in force at its start. Its counts go to {@code champion} and
 * {@code challenger}; they also go to {@code settledChampion} and {@code settledChallenger} when the whole window lies
 * inside the weight's period, starting at least the settle time after the change (the time replicas take to route by
 * the new weight): only those were all served under this weight, so only those may be held against its split.
 *
 * <p>Windows still growing are kept in {@code open}; once a window ended longer ago than the retention it is folded into
 * the four sums and {@code foldedThrough} moves to its end. A later report of a folded window is ignored.
 *
 * @param challengerBuckets the challenger's buckets (out of {@link Bucketing#BUCKETS}) during this segment
 * @param startedAt when this weight took effect
 * @param open the windows of this segment not folded yet, by start
 * @param foldedThrough the latest end of a folded window, null before the first
 */
public record Segment(
        int challengerBuckets,
        Instant startedAt,
        ArmCounts champion,
        ArmCounts challenger,
        ArmCounts settledChampion,
        ArmCounts settledChallenger,
        List<ArmWindow> open,
        Instant foldedThrough) {

    public Segment {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(settledChampion, "settledChampion");
        Objects.requireNonNull(settledChallenger, "settledChallenger");
        open = List.copyOf(Objects.requireNonNullElse(open, List.of()));
    }

    /** An empty segment for a weight that takes effect at {@code startedAt}. */
    public static Segment starting(int challengerBuckets, Instant startedAt) {
        return new Segment(
                challengerBuckets,
                startedAt,
                ArmCounts.ZERO,
                ArmCounts.ZERO,
                ArmCounts.ZERO,
                ArmCounts.ZERO,
                List.of(),
                null);
    }

    /** This segment with a report of {@code window} taken in; a report of a window already folded changes nothing. */
    public Segment record(ArmWindow window) {
        if (foldedThrough != null && window.start().isBefore(foldedThrough)) {
            return this;
        }
        List<ArmWindow> windows = new ArrayList<>(open.size() + 1);
        boolean merged = false;
        for (ArmWindow held : open) {
            if (held.start().equals(window.start())) {
                windows.add(held.max(window));
                merged = true;
            } else {
                windows.add(held);
            }
        }
        if (!merged) {
            windows.add(window);
            windows.sort(Comparator.comparing(ArmWindow::start));
        }
        return withOpen(windows, foldedThrough);
    }

    /**
     * This segment with every open window that ended before {@code horizon} folded into its sums.
     *
     * @param endsAt when the next weight took effect, null while this one is in force
     * @param settle how long after a weight change replicas may still route by the previous weight
     */
    public Segment fold(Instant horizon, Instant endsAt, Duration settle) {
        Segment folded = withOpen(List.of(), foldedThrough);
        List<ArmWindow> kept = new ArrayList<>();
        for (ArmWindow window : open) {
            if (window.end().isBefore(horizon)) {
                folded = folded.plus(window, isSettled(window, endsAt, settle));
            } else {
                kept.add(window);
            }
        }
        return folded.withOpen(kept, folded.foldedThrough);
    }

    /** The sums of this segment with its open windows counted in: what the tests read. */
    public Segment counted(Instant endsAt, Duration settle) {
        Segment total = withOpen(List.of(), foldedThrough);
        for (ArmWindow window : open) {
            total = total.plus(window, isSettled(window, endsAt, settle));
        }
        return total.withOpen(List.of(), foldedThrough);
    }

    private boolean isSettled(ArmWindow window, Instant endsAt, Duration settle) {
        return !window.start().isBefore(startedAt.plus(settle))
                && (endsAt == null || !window.end().isAfter(endsAt));
    }

    private Segment plus(ArmWindow window, boolean settled) {
        Instant through = foldedThrough == null || window.end().isAfter(foldedThrough) ? window.end() : foldedThrough;
        return new Segment(
                challengerBuckets,
                startedAt,
                champion.plus(window.champion()),
                challenger.plus(window.challenger()),
                settled ? settledChampion.plus(window.champion()) : settledChampion,
                settled ? settledChallenger.plus(window.challenger()) : settledChallenger,
                open,
                through);
    }

    private Segment withOpen(List<ArmWindow> windows, Instant through) {
        return new Segment(
                challengerBuckets,
                startedAt,
                champion,
                challenger,
                settledChampion,
                settledChallenger,
                windows,
                through);
    }
}
