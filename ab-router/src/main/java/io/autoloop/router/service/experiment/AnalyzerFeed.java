package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.router.domain.statistics.ArmCounts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest word of the error-analyzer, kept in memory: each experiment arm's cumulative counts by window (from
 * {@code experiment.arm-stats}) and each model version's newest {@link ErrorReport} (from {@code analysis.reports}).
 *
 * <p>The two arms' records of a window arrive separately, so an analysis that took one arm's newest window and the
 * other's previous one would see a lopsided split. {@link #counts} therefore aligns the arms: it takes the earlier of
 * the two arms' newest window ends, and each arm's cumulative counts as of that time (an arm without traffic in a
 * window reports nothing for it, and its counts as of the window are those of its last report). Cumulative counts
 * only grow, so a stale or repeated record never moves them back.
 */
@ApplicationScoped
public class AnalyzerFeed {

    /** Window ends remembered per arm; older ones are forgotten. */
    static final int WINDOWS_KEPT = 64;

    private final Map<String, NavigableMap<Instant, ArmCounts>> windows = new ConcurrentHashMap<>();
    private final Map<String, ErrorReport> reports = new ConcurrentHashMap<>();

    /** Takes in one arm-stats record. */
    public void accept(ArmStats stats) {
        ArmCounts reported = new ArmCounts(
                stats.cumulativeImpressions(), Math.min(stats.cumulativeClicks(), stats.cumulativeImpressions()));
        NavigableMap<Instant, ArmCounts> history =
                windows.computeIfAbsent(key(stats.experimentId(), stats.arm()), k -> new TreeMap<>());
        synchronized (history) {
            history.merge(stats.windowEnd(), reported, ArmCounts::max);
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

    /** Both arms' cumulative counts as of the same time; zero for an arm before its first report. */
    public Map<Arm, ArmCounts> counts(String experimentId) {
        NavigableMap<Instant, ArmCounts> champion = windows.get(key(experimentId, Arm.CHAMPION));
        NavigableMap<Instant, ArmCounts> challenger = windows.get(key(experimentId, Arm.CHALLENGER));
        if (champion == null || challenger == null) {
            return Map.of(Arm.CHAMPION, ArmCounts.ZERO, Arm.CHALLENGER, ArmCounts.ZERO);
        }
        synchronized (champion) {
            synchronized (challenger) {
                Instant asOf = min(champion.lastKey(), challenger.lastKey());
                return Map.of(Arm.CHAMPION, asOf(champion, asOf), Arm.CHALLENGER, asOf(challenger, asOf));
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

    private static ArmCounts asOf(NavigableMap<Instant, ArmCounts> history, Instant time) {
        Map.Entry<Instant, ArmCounts> entry = history.floorEntry(time);
        return entry == null ? ArmCounts.ZERO : entry.getValue();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String key(String experimentId, Arm arm) {
        return experimentId + "/" + arm.wireName();
    }
}
