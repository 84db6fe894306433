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
 * version) that served them.
 */
public final class ProgressLine {

    /** Arms shown on the progress line: the most recently seen ones. */
    static final int ARMS_SHOWN = 3;

    private ProgressLine() {}

    /** One line: elapsed time, ranking requests, events, CTR by arm, experiment, phase and challenger weight. */
    public static String line(Tally.Snapshot s, ExperimentStatus experiment, Duration elapsed) {
        long failedRanks = s.rankRefused() + s.rankUnavailable();
        return "[" + clock(elapsed) + "] rank " + n(s.ranked()) + " ok"
                + (failedRanks > 0 ? " " + n(failedRanks) + " failed" : "")
                + " | events " + n(s.eventsQueued()) + " sent: " + n(s.accepted()) + " accepted"
                + optional(s.duplicates(), " dup") + optional(s.rejected(), " rejected")
                + optional(s.failed() + s.dropped(), " failed")
                + optional(s.rankRetries() + s.batchRetries(), " retries")
                + " | CTR " + arms(s.arms(), ARMS_SHOWN) + " | experiment " + experiment(s, experiment);
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
