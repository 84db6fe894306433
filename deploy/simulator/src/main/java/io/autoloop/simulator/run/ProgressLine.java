package io.autoloop.simulator.run;

import io.autoloop.contracts.EventType;
import io.autoloop.simulator.http.ExperimentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the run's counts for people: the one-line progress ({@link #line}) and the summary on exit
 * ({@link #summary}). CTR by arm is clicks per impression of what the simulated users did on each arm (and model
 * version) that served them. The % of oracle ({@link OracleTally}) is shown only when the traffic knows the true click
 * model: for the run and for its last full minute, each over every ranking and without the explored ones.
 */
public final class ProgressLine {

    /** Arms shown on the progress line: the most recently seen ones. */
    static final int ARMS_SHOWN = 3;

    private ProgressLine() {}

    /**
     * One line: elapsed time, ranking requests, events, CTR by arm, % of oracle, experiment, phase and challenger
     * weight.
     */
    public static String line(Tally.Snapshot s, ExperimentStatus experiment, Duration elapsed) {
        long failedRanks = s.rankRefused() + s.rankUnavailable();
        return "[" + clock(elapsed) + "] rank " + n(s.ranked()) + " ok"
                + (failedRanks > 0 ? " " + n(failedRanks) + " failed" : "")
                + " | events " + n(s.eventsQueued()) + " sent: " + n(s.accepted()) + " accepted"
                + optional(s.duplicates(), " dup") + optional(s.rejected(), " rejected")
                + optional(s.failed() + s.dropped(), " failed")
                + optional(s.rankRetries() + s.batchRetries(), " retries")
                + " | CTR " + arms(s.arms(), ARMS_SHOWN) + oracle(s.oracle(), elapsed)
                + " | experiment " + experiment(s, experiment);
    }

    /** The lines printed when the run ends. */
    public static List<String> summary(String title, Tally.Snapshot s, ExperimentStatus experiment, Duration elapsed) {
        List<String> lines = new ArrayList<>();
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 0.001);
        lines.add(title + ", ran " + clock(elapsed));
        lines.add(String.format(
                Locale.ROOT,
                "  rank requests   %s sent: %s ranked, %s refused, %s unavailable; %s retries (%.1f/s)",
                n(s.rankRequests()),
                n(s.ranked()),
                n(s.rankRefused()),
                n(s.rankUnavailable()),
                n(s.rankRetries()),
                s.ranked() / seconds));
        lines.add(String.format(
                Locale.ROOT,
                "  events          %s drawn: %s accepted, %s duplicates, %s rejected, %s failed, %s dropped;"
                        + " %s batches, %s retries (%.1f/s)",
                n(s.eventsDrawn()),
                n(s.accepted()),
                n(s.duplicates()),
                n(s.rejected()),
                n(s.failed()),
                n(s.dropped()),
                n(s.batches()),
                n(s.batchRetries()),
                s.accepted() / seconds));
        StringBuilder types = new StringBuilder("  by type        ");
        for (EventType type : EventType.values()) {
            types.append(' ')
                    .append(type.wireName())
                    .append(' ')
                    .append(n(s.eventsByType().getOrDefault(type, 0L)));
        }
        lines.add(types.toString());
        lines.add("  CTR by arm      " + arms(s.arms(), Integer.MAX_VALUE));
        OracleTally.Snapshot oracle = s.oracle();
        if (!oracle.minutes().isEmpty()) {
            lines.add("  % of oracle     " + shares(oracle.all(), oracle.unexplored(), oracle.exploredShare()));
            for (OracleTally.Minute minute : oracle.minutes()) {
                lines.add(String.format(Locale.ROOT, "    minute %-7d", minute.minute() + 1)
                        + shares(minute.all(), minute.unexplored(), minute.exploredShare()));
            }
        }
        lines.add("  experiment      " + experiment(s, experiment));
        if (!s.problems().isEmpty()) {
            lines.add("  problems (most frequent first):");
            s.problems().stream()
                    .limit(5)
                    .forEach(problem -> lines.add("    " + n(problem.getValue()) + " × " + problem.getKey()));
        }
        if (s.fatal() != null) {
            lines.add("  stopped: " + s.fatal());
        }
        return lines;
    }

    private static String arms(Map<String, Tally.ArmCount> arms, int most) {
        if (arms.isEmpty()) {
            return "–";
        }
        List<String> parts = new ArrayList<>();
        arms.forEach((arm, count) -> parts.add(
                String.format(Locale.ROOT, "%s %.2f%% (%s)", arm, 100 * count.ctr(), n(count.impressions()))));
        return String.join(", ", parts.subList(Math.max(0, parts.size() - most), parts.size()));
    }

    /**
     * {@code " | % of oracle 91.2% (94.0% w/o exploration), minute 4 93.1% (95.9%)"}: the run, then the last full
     * minute once there is one; empty without a true click model.
     */
    private static String oracle(OracleTally.Snapshot oracle, Duration elapsed) {
        if (oracle.minutes().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" | % of oracle ")
                .append(percent(oracle.all()))
                .append(" (")
                .append(percent(oracle.unexplored()))
                .append(" w/o exploration)");
        long lastFull = elapsed.toMinutes() - 1;
        oracle.minutes().stream()
                .filter(minute -> minute.minute() == lastFull)
                .findFirst()
                .ifPresent(minute -> text.append(", minute ")
                        .append(minute.minute() + 1)
                        .append(' ')
                        .append(percent(minute.all()))
                        .append(" (")
                        .append(percent(minute.unexplored()))
                        .append(')'));
        return text.toString();
    }

    /** {@code "91.2%, 94.0% without exploration (12,123 rankings, 39.8% explored)"}. */
    private static String shares(OracleTally.Sums all, OracleTally.Sums unexplored, double exploredShare) {
        return String.format(
                Locale.ROOT,
                "%s, %s without exploration (%s %s, %.1f%% explored)",
                percent(all),
                percent(unexplored),
                n(all.rankings()),
                all.rankings() == 1 ? "ranking" : "rankings",
                100 * exploredShare);
    }

    private static String percent(OracleTally.Sums sums) {
        double share = sums.shareOfOracle();
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String experiment(Tally.Snapshot s, ExperimentStatus experiment) {
        if (experiment == null) {
            return s.experimentId() == null ? "–" : s.experimentId();
        }
        StringBuilder text = new StringBuilder(experiment.id() == null ? "?" : experiment.id());
        if (experiment.phase() != null) {
            text.append(' ').append(experiment.phase());
        }
        if (experiment.challengerWeight() != null) {
            double weight = experiment.challengerWeight();
            text.append(", challenger weight ")
                    .append(
                            weight == Math.rint(weight)
                                    ? String.format(Locale.ROOT, "%.0f", weight)
                                    : String.format(Locale.ROOT, "%.2f", weight))
                    .append('%');
        }
        if (experiment.champion() != null && experiment.challenger() != null) {
            text.append(" (")
                    .append(experiment.champion())
                    .append(" vs ")
                    .append(experiment.challenger())
                    .append(')');
        }
        return text.toString();
    }

    private static String optional(long count, String label) {
        return count == 0 ? "" : ", " + n(count) + label;
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * Elapsed time as {@code h:mm:ss}, not {@code 0m01s}: a progress line that starts {@code [0m} or {@code [1m} reads
     * as an ANSI escape in a log.
     */
    private static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
