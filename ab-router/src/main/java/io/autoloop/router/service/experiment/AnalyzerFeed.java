package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.router.domain.memory.RecentEntries;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest word of the error-analyzer, kept in memory: each experiment arm's counts per arm-stats window of event
 * time (from {@code experiment.arm-stats}) and the newest {@link ErrorReport} of each of the last
 * {@value #REPORTS_KEPT} model versions reported (from {@code analysis.reports}).
 *
 * <p>A window's counts grow as the analyzer attributes late feedback, and each record carries the window's whole
 * tally, so the larger of two reports of a window is kept and a stale or repeated record never moves it back. The two
 * arms' records of a window arrive separately, so {@link #windows} reports only the windows that start no later than
 * the earlier of the two arms' newest windows: an analysis never sees one arm's newest window without the other's.
 */
@ApplicationScoped
public class AnalyzerFeed {

    /** Windows remembered per arm; older ones are forgotten (the controller has folded them into its segments). */
    static final int WINDOWS_KEPT = 512;

    /**
     * Model versions whose newest error report is remembered; a version added longer ago is forgotten (the registry
     * keeps far fewer versions of a lineage, and one still served is added again by its next report).
     */
    static final int REPORTS_KEPT = 1024;

    private final Map<String, NavigableMap<Instant, Reported>> windows = new ConcurrentHashMap<>();
    private final Map<String, ErrorReport> reports = RecentEntries.of(REPORTS_KEPT);

    /** One arm's counts of one window. */
    private record Reported(Instant end, ArmCounts counts) {

        Reported max(Reported other) {
            return new Reported(end, counts.max(other.counts));
        }
    }

    /** Takes in one arm-stats record. */
    public void accept(ArmStats stats) {
        Reported reported = new Reported(
                stats.windowEnd(), new ArmCounts(stats.impressions(), Math.min(stats.clicks(), stats.impressions())));
        NavigableMap<Instant, Reported> history =
                windows.computeIfAbsent(key(stats.experimentId(), stats.arm()), k -> new TreeMap<>());
        synchronized (history) {
            history.merge(stats.windowStart(), reported, Reported::max);
            while (history.size() > WINDOWS_KEPT) {
                history.pollFirstEntry();
            }
        }
    }

    /** Takes in one error report; an older window than the one held is ignored. */
    public void accept(ErrorReport report) {
        reports.merge(
                report.modelVersion(),
                report,
                (held, fresh) -> fresh.windowEnd().isBefore(held.windowEnd()) ? held : fresh);
    }

    /** Both arms' counts of every window held that starts no later than both arms' newest window, by start. */
    public List<ArmWindow> windows(String experimentId) {
        NavigableMap<Instant, Reported> champion = windows.get(key(experimentId, Arm.CHAMPION));
        NavigableMap<Instant, Reported> challenger = windows.get(key(experimentId, Arm.CHALLENGER));
        if (champion == null || challenger == null) {
            return List.of();
        }
        synchronized (champion) {
            synchronized (challenger) {
                Instant through = min(champion.lastKey(), challenger.lastKey());
                TreeMap<Instant, ArmWindow> joined = new TreeMap<>();
                champion.headMap(through, true)
                        .forEach((start, held) ->
                                joined.put(start, new ArmWindow(start, held.end(), held.counts(), ArmCounts.ZERO)));
                challenger
                        .headMap(through, true)
                        .forEach((start, held) -> joined.merge(
                                start,
                                new ArmWindow(start, held.end(), ArmCounts.ZERO, held.counts()),
                                ArmWindow::max));
                return new ArrayList<>(joined.values());
            }
        }
    }

    /** The newest error report of {@code modelVersion}. */
    public Optional<ErrorReport> report(String modelVersion) {
        return Optional.ofNullable(reports.get(modelVersion));
    }

    /** Forgets the counts of an experiment that ended. */
    public void forget(String experimentId) {
        windows.keySet().removeIf(key -> key.startsWith(experimentId + "/"));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String key(String experimentId, Arm arm) {
        return experimentId + "/" + arm.wireName();
    }
}
