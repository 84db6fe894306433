package io.autoloop.simulator.run;

import io.autoloop.contracts.EventType;
import io.autoloop.simulator.http.BatchOutcome;
import io.autoloop.simulator.http.RankOutcome;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.world.RankingValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every outcome of a run: ranking requests (ranked, refused, unavailable, retries), events (queued, and each
 * one accepted, duplicate, rejected, failed or dropped), events by type, impressions and clicks by arm, the expected
 * clicks of the rankings served against the oracle's ({@link OracleTally}), and the first distinct problems.
 * Thread-safe; {@link #snapshot()} reads a consistent-enough view for the console.
 */
public final class Tally {

    /** Distinct problem texts kept for the summary. */
    static final int MAX_PROBLEMS = 20;

    private final LongAdder rankRequests = new LongAdder();
    private final LongAdder ranked = new LongAdder();
    private final LongAdder rankRefused = new LongAdder();
    private final LongAdder rankUnavailable = new LongAdder();
    private final LongAdder rankRetries = new LongAdder();
    private final LongAdder queued = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchRetries = new LongAdder();
    private final Map<EventType, LongAdder> byType = new EnumMap<>(EventType.class);
    private final Map<String, ArmCounter> arms = new ConcurrentHashMap<>();
    private final AtomicLong armOrder = new AtomicLong();
    private final OracleTally oracle = new OracleTally();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private final AtomicReference<String> experimentId = new AtomicReference<>();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    public Tally() {
        for (EventType type : EventType.values()) {
            byType.put(type, new LongAdder());
        }
    }

    void rankSent() {
        rankRequests.increment();
    }

    void rankOutcome(RankOutcome outcome) {
        rankRetries.add(outcome.retries());
        if (outcome instanceof RankOutcome.Ranked r) {
            ranked.increment();
            if (r.response().experimentId() != null) {
                experimentId.set(r.response().experimentId());
            }
        } else if (outcome instanceof RankOutcome.Refused r) {
            rankRefused.increment();
            problem("rank: " + r.detail());
        } else if (outcome instanceof RankOutcome.Unavailable r) {
            rankUnavailable.increment();
            problem("rank: " + r.reason());
        }
    }

    /** Counts an event the simulated user produced for a ranking served by {@code response}'s arm. */
    void planned(EventType type, RankResponse response) {
        byType.get(type).increment();
        if (type == EventType.IMPRESSION || type == EventType.CLICK) {
            String arm = (response.arm() == null ? "no arm" : response.arm())
                    + (response.modelVersion() == null ? "" : " " + response.modelVersion());
            ArmCounter counter = arms.computeIfAbsent(arm, key -> new ArmCounter(armOrder.getAndIncrement()));
            (type == EventType.IMPRESSION ? counter.impressions : counter.clicks).increment();
        }
    }

    /** Counts what a ranking answered {@code elapsed} after the start is worth against the oracle ranking. */
    void valued(Duration elapsed, RankingValue value, boolean explored) {
        oracle.add(elapsed, value, explored);
    }

    void queued() {
        queued.increment();
    }

    void dropped(int events) {
        dropped.add(events);
    }

    void batch(BatchOutcome outcome) {
        batches.increment();
        batchRetries.add(outcome.retries());
        accepted.add(outcome.accepted());
        duplicates.add(outcome.duplicates());
        rejected.add(outcome.rejected());
        failed.add(outcome.failed());
        outcome.problems().forEach(text -> problem("events: " + text));
    }

    /** Events that were queued but never sent because the run ended first. */
    void unsent(int events) {
        failed.add(events);
        if (events > 0) {
            problem("events: " + events + " still queued when the run ended");
        }
    }

    /** Records a reason to stop the run at once; the first one wins. */
    void fatal(String reason) {
        fatal.compareAndSet(null, reason);
    }

    String fatal() {
        return fatal.get();
    }

    private void problem(String text) {
        LongAdder count = problems.get(text);
        if (count == null && problems.size() >= MAX_PROBLEMS) {
            return;
        }
        problems.computeIfAbsent(text, key -> new LongAdder()).increment();
    }

    /** The counts now. */
    public Snapshot snapshot() {
        Map<EventType, Long> types = new EnumMap<>(EventType.class);
        byType.forEach((type, count) -> types.put(type, count.sum()));
        List<Map.Entry<String, ArmCounter>> ordered = new ArrayList<>(arms.entrySet());
        ordered.sort(Comparator.comparingLong(entry -> entry.getValue().order));
        Map<String, ArmCount> armCounts = new LinkedHashMap<>();
        ordered.forEach(entry -> armCounts.put(
                entry.getKey(),
                new ArmCount(
                        entry.getValue().impressions.sum(),
                        entry.getValue().clicks.sum())));
        List<Map.Entry<String, Long>> problemCounts = new ArrayList<>();
        problems.forEach((text, count) -> problemCounts.add(Map.entry(text, count.sum())));
        problemCounts.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return new Snapshot(
                rankRequests.sum(),
                ranked.sum(),
                rankRefused.sum(),
                rankUnavailable.sum(),
                rankRetries.sum(),
                queued.sum(),
                accepted.sum(),
                duplicates.sum(),
                rejected.sum(),
                failed.sum(),
                dropped.sum(),
                batches.sum(),
                batchRetries.sum(),
                types,
                armCounts,
                oracle.snapshot(),
                experimentId.get(),
                problemCounts,
                fatal.get());
    }

    /** Impressions and clicks of one arm (and model version). */
    public record ArmCount(long impressions, long clicks) {

        /** Clicks per impression, 0 without impressions. */
        public double ctr() {
            return impressions == 0 ? 0 : (double) clicks / impressions;
        }
    }

    /**
     * A point-in-time view of every count; {@code oracle} has no minutes when the traffic has no true click model;
     * {@code problems} are distinct texts with counts, most frequent first.
     */
    public record Snapshot(
            long rankRequests,
            long ranked,
            long rankRefused,
            long rankUnavailable,
            long rankRetries,
            long eventsQueued,
            long accepted,
            long duplicates,
            long rejected,
            long failed,
            long dropped,
            long batches,
            long batchRetries,
            Map<EventType, Long> eventsByType,
            Map<String, ArmCount> arms,
            OracleTally.Snapshot oracle,
            String experimentId,
            List<Map.Entry<String, Long>> problems,
            String fatal) {

        /** Events the simulated users produced, by every type. */
        public long eventsDrawn() {
            return eventsByType.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * Events whose fate is known: accepted, duplicate, rejected, failed or dropped. At the end of a run it equals
         * {@link #eventsDrawn()}.
         */
        public long eventsSettled() {
            return accepted + duplicates + rejected + failed + dropped;
        }
    }

    private static final class ArmCounter {
        private final long order;
        private final LongAdder impressions = new LongAdder();
        private final LongAdder clicks = new LongAdder();

        ArmCounter(long order) {
            this.order = order;
        }
    }
}
