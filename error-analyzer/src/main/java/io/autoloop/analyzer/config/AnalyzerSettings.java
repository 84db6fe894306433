package io.autoloop.analyzer.config;

import io.autoloop.analyzer.domain.AttributionWindow;
import io.autoloop.analyzer.domain.DecisionLimits;
import io.autoloop.analyzer.domain.LabellingRules;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the analyzer's Kafka Streams topology is built from; {@link #defaults()} are the production defaults.
 *
 * @param topics the topics read and written
 * @param partitions the partition count of {@code serving.decisions}, which {@code feedback.events} must share: the
 *     decision clock of each attribution task waits for every one of these partitions
 * @param attribution the attribution window and grace
 * @param labelling the labelling rules
 * @param reportWindow the tumbling window of error reports (by sample eventTime)
 * @param reportRetention how long error reports stay queryable
 * @param armStatsWindow the tumbling window of arm statistics (by sample eventTime)
 * @param armStatsRetention how long windowed arm statistics are kept
 * @param punctuationInterval how often (wall clock) the analyzer closes the decisions whose labels became final
 * @param idleCloseAfter when present, a task that received no record for this long (wall clock) lets event time run
 *     on at wall-clock speed instead of waiting for records to advance it; it must be longer than a decision takes
 *     through the repartition topic, or waiting for one would count as idle
 * @param limits how much one decision keeps and how large a record the analyzer writes
 */
public record AnalyzerSettings(
        TopicNames topics,
        int partitions,
        AttributionWindow attribution,
        LabellingRules labelling,
        Duration reportWindow,
        Duration reportRetention,
        Duration armStatsWindow,
        Duration armStatsRetention,
        Duration punctuationInterval,
        Optional<Duration> idleCloseAfter,
        Limits limits) {

    public AnalyzerSettings {
        if (topics == null || attribution == null || labelling == null || limits == null) {
            throw new IllegalArgumentException(
                    "The analyzer needs its topics, attribution window, labelling rules and limits.");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "'analyzer.partitions' must be 1 or more, but it is " + partitions + ".");
        }
        positive(reportWindow, "analyzer.reports.window");
        positive(armStatsWindow, "analyzer.arm-stats.window");
        positive(punctuationInterval, "analyzer.punctuation-interval");
        atLeast(reportRetention, reportWindow, "analyzer.reports.retention", "analyzer.reports.window");
        atLeast(armStatsRetention, armStatsWindow, "analyzer.arm-stats.retention", "analyzer.arm-stats.window");
        idleCloseAfter = idleCloseAfter == null ? Optional.empty() : idleCloseAfter;
        idleCloseAfter.ifPresent(after -> positive(after, "analyzer.idle-close-after"));
    }

    /**
     * The production defaults: 30 min window, 5 min grace, 1 min report and arm-stats windows, no idle closing, the
     * default limits.
     */
    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(
                TopicNames.standard(),
                6,
                new AttributionWindow(Duration.ofMinutes(30), Duration.ofMinutes(5)),
                LabellingRules.standard(),
                Duration.ofMinutes(1),
                Duration.ofDays(7),
                Duration.ofMinutes(1),
                Duration.ofDays(1),
                Duration.ofSeconds(1),
                Optional.empty(),
                Limits.defaults());
    }

    public AnalyzerSettings withTopics(TopicNames newTopics) {
        return new AnalyzerSettings(
                newTopics,
                partitions,
                attribution,
                labelling,
                reportWindow,
                reportRetention,
                armStatsWindow,
                armStatsRetention,
                punctuationInterval,
                idleCloseAfter,
                limits);
    }

    public AnalyzerSettings withPartitions(int newPartitions) {
        return new AnalyzerSettings(
                topics,
                newPartitions,
                attribution,
                labelling,
                reportWindow,
                reportRetention,
                armStatsWindow,
                armStatsRetention,
                punctuationInterval,
                idleCloseAfter,
                limits);
    }

    public AnalyzerSettings withAttribution(AttributionWindow newAttribution) {
        return new AnalyzerSettings(
                topics,
                partitions,
                newAttribution,
                labelling,
                reportWindow,
                reportRetention,
                armStatsWindow,
                armStatsRetention,
                punctuationInterval,
                idleCloseAfter,
                limits);
    }

    public AnalyzerSettings withWindows(Duration newReportWindow, Duration newArmStatsWindow) {
        return new AnalyzerSettings(
                topics,
                partitions,
                attribution,
                labelling,
                newReportWindow,
                reportRetention,
                newArmStatsWindow,
                armStatsRetention,
                punctuationInterval,
                idleCloseAfter,
                limits);
    }

    public AnalyzerSettings withIdleClose(Duration newPunctuationInterval, Optional<Duration> newIdleCloseAfter) {
        return new AnalyzerSettings(
                topics,
                partitions,
                attribution,
                labelling,
                reportWindow,
                reportRetention,
                armStatsWindow,
                armStatsRetention,
                newPunctuationInterval,
                newIdleCloseAfter,
                limits);
    }

    public AnalyzerSettings withLimits(Limits newLimits) {
        return new AnalyzerSettings(
                topics,
                partitions,
                attribution,
                labelling,
                reportWindow,
                reportRetention,
                armStatsWindow,
                armStatsRetention,
                punctuationInterval,
                idleCloseAfter,
                newLimits);
    }

    private static void positive(Duration duration, String key) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(
                    "'" + key + "' must be a positive duration, but it is " + duration + ".");
        }
    }

    private static void atLeast(Duration duration, Duration minimum, String key, String minimumKey) {
        if (duration == null || duration.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("'" + key + "' must be at least '" + minimumKey + "' (" + minimum
                    + "), but it is " + duration + ".");
        }
    }

    /**
     * What the analyzer keeps and writes at most (bytes as stored and sent).
     *
     * @param decision how much feedback one decisionId keeps
     * @param stateBytes the most bytes one stored decision state may take; feedback that would make it larger is
     *     turned away
     * @param recordBytes the largest record the analyzer writes, key and headers included: the producer's
     *     {@code max.request.size}
     */
    public record Limits(DecisionLimits decision, int stateBytes, int recordBytes) {

        /** The room a record keeps for its key, its headers and the producer's batch overhead. */
        public static final int KEY_AND_HEADERS = 16 * 1024;

        public Limits {
            if (decision == null) {
                throw new IllegalArgumentException("The analyzer's limits need the limits of one decision.");
            }
            if (recordBytes <= KEY_AND_HEADERS) {
                throw new IllegalArgumentException("'analyzer.limits.record-bytes' must be more than " + KEY_AND_HEADERS
                        + " (the room for a key and headers), but it is " + recordBytes + ".");
            }
            if (stateBytes < 1 || stateBytes > recordBytes - KEY_AND_HEADERS) {
                throw new IllegalArgumentException("'analyzer.limits.state-bytes' must be between 1 and "
                        + (recordBytes - KEY_AND_HEADERS) + " ('analyzer.limits.record-bytes' less "
                        + KEY_AND_HEADERS + " for the key and headers), but it is " + stateBytes + ".");
            }
        }

        /** 64 waiting events, 128 signals, 512 KiB per decision state and the producer's default of 1 MiB a record. */
        public static Limits defaults() {
            return new Limits(DecisionLimits.standard(), 512 * 1024, 1024 * 1024);
        }

        /** The largest value the analyzer writes: a record less the room for its key and headers. */
        public int valueBytes() {
            return recordBytes - KEY_AND_HEADERS;
        }
    }
}
