package io.autoloop.analyzer.config;

import io.autoloop.contracts.EventType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The error-analyzer's settings ({@code analyzer.*}); durations accept ISO-8601 ({@code PT30M}) or the Quarkus
 * short form ({@code 30M}, {@code 500ms}). Kafka Streams itself is configured under {@code kafka-streams.*} and
 * {@code quarkus.kafka-streams.*}.
 */
@ConfigMapping(prefix = "analyzer")
public interface AnalyzerConfig {

    /** The topics read and written; each defaults to its name in {@code io.autoloop.contracts.Topics}. */
    TopicsConfig topics();

    /**
     * The partition count of {@code serving.decisions}, which {@code feedback.events} must share (decisions meet
     * their feedback by partition number). Each attribution task waits for the progress of every one of these
     * decision partitions before it gives up on a decision. Default 6.
     */
    @WithDefault("6")
    int partitions();

    /** The attribution window of a decision. */
    AttributionConfig attribution();

    /** The error reports. */
    ReportsConfig reports();

    /** The arm statistics. */
    ArmStatsConfig armStats();

    /**
     * How often (wall clock) the analyzer closes the decisions whose labels the event clocks say are final. It only
     * changes how soon samples come out, not which: a record reaching a decision that is already due closes it first.
     * Default 1 s.
     */
    @WithDefault("PT1S")
    Duration punctuationInterval();

    /**
     * When set, a stream task that received no record for this long (wall clock) lets event time run on at wall-clock
     * speed, so the labels of the last decisions come out when traffic stops. Unset by default: labels then become
     * final only as feedback with later event times arrives, which keeps reprocessing and catching up after downtime
     * exact. Set it well above the time a decision takes through the repartition topic (a few commit intervals), or a
     * task merely waiting for one counts as idle.
     */
    Optional<Duration> idleCloseAfter();

    /** The labelling rules. */
    LabellingConfig labelling();

    /** How much one decision keeps, and how large a record the analyzer writes. */
    LimitsConfig limits();

    /** How often a failed stream thread is replaced before the instance stops processing. */
    ThreadReplacementsConfig threadReplacements();

    /** Topic names. */
    interface TopicsConfig {

        /** Decisions, keyed by decisionId. Default {@code serving.decisions}. */
        Optional<String> decisions();

        /** Feedback events, keyed by pseudonymous user id. Default {@code feedback.events}. */
        Optional<String> feedback();

        /** Labelled samples out. Default {@code training.samples}. */
        Optional<String> samples();

        /** Error reports out. Default {@code analysis.reports}. */
        Optional<String> reports();

        /** Arm statistics out. Default {@code experiment.arm-stats}. */
        Optional<String> armStats();

        /** Dead letters out. Default {@code feedback.rejected}. */
        Optional<String> rejected();
    }

    /** The attribution window. */
    interface AttributionConfig {

        /** Feedback stamped before servedAt + window counts for the decision. Default 30 min. */
        @WithDefault("PT30M")
        Duration window();

        /** How long after the window feedback may still arrive before the labels become final. Default 5 min. */
        @WithDefault("PT5M")
        Duration grace();
    }

    /** Error reports. */
    interface ReportsConfig {

        /** The tumbling window of a report, by sample eventTime (servedAt). Default 1 min. */
        @WithDefault("PT1M")
        Duration window();

        /** How long reports stay queryable through {@code GET /v1/reports}. Default 7 days. */
        @WithDefault("P7D")
        Duration retention();
    }

    /** Arm statistics. */
    interface ArmStatsConfig {

        /** The tumbling window of windowed counts, by sample eventTime (servedAt). Default 1 min. */
        @WithDefault("PT1M")
        Duration window();

        /** How long windowed counts are kept (cumulative counts are kept for good). Default 1 day. */
        @WithDefault("P1D")
        Duration retention();
    }

    /** Labelling rules: when {@code rules} is empty, the default rules of {@code LabellingRules.standard()} apply. */
    interface LabellingConfig {

        /**
         * Rules by name (the name is the sample's {@code reason}), e.g.
         * {@code analyzer.labelling.rules.click.type=click}; configuring any rule replaces the whole standard set.
         */
        Map<String, RuleConfig> rules();

        /** The weight of an item no rule matched (label 0). Default 1. */
        @WithDefault("1.0")
        double defaultWeight();
    }

    /** What one decision keeps and what one record may take (see the README for the worst case they allow). */
    interface LimitsConfig {

        /** The most feedback events one decisionId keeps while its decision has not arrived. Default 64. */
        @WithDefault("64")
        int waitingEvents();

        /** The most signals an open decision keeps before it keeps only the best of each served item. Default 128. */
        @WithDefault("128")
        int signals();

        /**
         * The most bytes one stored decision state (one record of its changelog) may take: feedback that would make it
         * larger is turned away. At most {@code record-bytes} less 16 KiB. Default 524288 (512 KiB).
         */
        @WithDefault("524288")
        int stateBytes();

        /**
         * The largest record the analyzer writes, key and headers included: a value that would pass it is not written
         * but counted. application.properties sets it from the producer's {@code max.request.size}, which it must not
         * exceed. Default 1048576 (1 MiB).
         */
        @WithDefault("1048576")
        int recordBytes();
    }

    /** Replacing failed stream threads. */
    interface ThreadReplacementsConfig {

        /**
         * How many failed stream threads are replaced within {@code window}; the next failure shuts the instance's Kafka
         * Streams down (state ERROR, liveness DOWN). Default 3.
         */
        @WithDefault("3")
        int max();

        /** The period over which replacements are counted. Default 10 min. */
        @WithDefault("PT10M")
        Duration window();
    }

    /** One labelling rule. */
    interface RuleConfig {

        /** The feedback type it judges: impression, click, rating, dwell or conversion. */
        EventType type();

        /** The label it gives: 0 or 1. */
        int label();

        /** The sample weight it gives. Default 1. */
        @WithDefault("1.0")
        double weight();

        /** Higher wins when several rules match an item's signals. */
        int priority();

        /** The smallest value it matches (inclusive); unset for no lower bound. */
        Optional<Double> minValue();

        /** The largest value it matches (inclusive); unset for no upper bound. */
        Optional<Double> maxValue();
    }
}
