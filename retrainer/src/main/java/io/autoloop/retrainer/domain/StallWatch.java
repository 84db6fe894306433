package io.autoloop.retrainer.domain;

import io.autoloop.contracts.TrainerHealth.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Watches whether the active trainer learns what arrives: consumes what the training loop reports about its trainer
 * (samples learned, next offset and lag per partition) and its failures, and produces a {@link Verdict}: healthy,
 * stalled or failing, with one sentence saying why.
 *
 * <p>Rules, in order of precedence:
 *
 * <ol>
 *   <li><b>failing</b> from a failure of the training loop until its next report;
 *   <li><b>stalled</b> when a partition has records waiting (lag above 0) and its offset has not gone past the
 *       highest it reached for {@code stallAfter}: one stuck partition is a stall even while the others learn;
 *   <li><b>stalled</b> when for {@code stallAfter}, at every report, records were read or waited and no sample was
 *       learned: records read but not learned (refused, malformed, without consent, quarantined) count, and so does a
 *       failure; a report without any work (nothing read, nothing waiting) or with a learned sample ends the stretch;
 *   <li><b>stalled</b> when the loop has not reported for {@code stallAfter} (a stuck thread);
 *   <li>otherwise <b>healthy</b>.
 * </ol>
 *
 * <p>Progress is measured against high-water marks: after a failure the loop restarts from its checkpoint and learns
 * again samples it had learned, which is not progress until it goes past where it was. The first report only sets the
 * marks. Thread-safe: the training thread reports, metrics and health checks read.
 */
public final class StallWatch {

    private final Duration stallAfter;
    private final Map<String, Long> highestOffsets = new TreeMap<>();
    private final Map<String, Instant> movedAt = new TreeMap<>();
    private final Map<String, Long> lags = new TreeMap<>();
    private long highestSamplesSeen = -1;
    private Instant lastLearnedAt;
    private Instant lastReportAt;
    private Instant workingSince;
    private String failure;

    /** @param stallAfter how long samples may wait with none learned before training counts as stalled; positive */
    public StallWatch(Duration stallAfter) {
        if (stallAfter == null || stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("The stall time must be positive, but it is " + stallAfter
                    + "; set retrainer.alert.stall-after to a duration such as 3m.");
        }
        this.stallAfter = stallAfter;
    }

    /**
     * One report of the active trainer.
     *
     * @param samplesSeen the learner's sample count
     * @param offsets the trainer's next offset per partition, e.g. {@code training.samples-3 → 1200}
     * @param lags records on the topic beyond the consumer's position per partition, for the partitions it knows
     */
    public synchronized void report(Instant now, long samplesSeen, Map<String, Long> offsets, Map<String, Long> lags) {
        boolean learned = highestSamplesSeen >= 0 && samplesSeen > highestSamplesSeen;
        highestSamplesSeen = Math.max(highestSamplesSeen, samplesSeen);
        if (learned) {
            lastLearnedAt = now;
        }
        boolean read = false;
        for (Map.Entry<String, Long> offset : offsets.entrySet()) {
            Long highest = highestOffsets.get(offset.getKey());
            if (highest == null || offset.getValue() > highest) {
                read |= highest != null;
                highestOffsets.put(offset.getKey(), offset.getValue());
                movedAt.put(offset.getKey(), now);
            }
        }
        for (Map.Entry<String, Long> lag : lags.entrySet()) {
            this.lags.put(lag.getKey(), lag.getValue());
            movedAt.putIfAbsent(lag.getKey(), now);
        }
        if (learned || !(read || lag() > 0)) {
            workingSince = null;
        } else if (workingSince == null) {
            workingSince = now;
        }
        lastReportAt = now;
        failure = null;
    }

    /** A failure of the training loop, which starts over from its checkpoint. */
    public synchronized void failed(Instant now, String message) {
        failure = Objects.requireNonNullElse(message, "no message");
        lastReportAt = now;
        if (workingSince == null) {
            workingSince = now;
        }
    }

    /** The verdict at {@code now}. */
    public synchronized Verdict verdict(Instant now) {
        long lag = lag();
        if (failure != null) {
            return verdict(
                    State.FAILING,
                    "The training loop failed and starts over from its last checkpoint: " + failure,
                    lag);
        }
        for (Map.Entry<String, Long> waiting : lags.entrySet()) {
            Duration still = Duration.between(movedAt.get(waiting.getKey()), now);
            if (waiting.getValue() > 0 && still.compareTo(stallAfter) >= 0) {
                return verdict(
                        State.STALLED,
                        "Partition " + waiting.getKey() + " has " + waiting.getValue()
                                + " records waiting but its offset has not moved for " + still.toSeconds() + " s.",
                        lag);
            }
        }
        if (workingSince != null && Duration.between(workingSince, now).compareTo(stallAfter) >= 0) {
            return verdict(
                    State.STALLED,
                    "No new sample has been learned for "
                            + Duration.between(workingSince, now).toSeconds()
                            + " s while records arrive (" + lag + " waiting); "
                            + (lastLearnedAt == null
                                    ? "none was learned since the start."
                                    : "the last at " + lastLearnedAt + "."),
                    lag);
        }
        if (lastReportAt != null && Duration.between(lastReportAt, now).compareTo(stallAfter) >= 0) {
            return verdict(
                    State.STALLED,
                    "The training loop has not reported for "
                            + Duration.between(lastReportAt, now).toSeconds() + " s.",
                    lag);
        }
        return verdict(State.HEALTHY, null, lag);
    }

    /** Seconds since the last new sample was learned at {@code now}; NaN before the first. */
    public synchronized double secondsSinceLastLearned(Instant now) {
        return lastLearnedAt == null
                ? Double.NaN
                : Duration.between(lastLearnedAt, now).toMillis() / 1000.0;
    }

    private Verdict verdict(State state, String detail, long lag) {
        return new Verdict(state, detail, lastLearnedAt, lag);
    }

    private long lag() {
        long total = 0;
        for (long lag : lags.values()) {
            total += Math.max(0, lag);
        }
        return total;
    }

    /**
     * What the watch says about training at one instant.
     *
     * @param state healthy, stalled or failing
     * @param detail why it is not healthy, one sentence; null when it is
     * @param lastLearnedAt when a sample beyond the high-water mark was last learned, null before the first
     * @param lag records waiting on the topic over all partitions, as last reported
     */
    public record Verdict(State state, String detail, Instant lastLearnedAt, long lag) {}
}
