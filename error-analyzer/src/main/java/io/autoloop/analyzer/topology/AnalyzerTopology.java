package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.state.ArmPart;
import io.autoloop.analyzer.state.Parsed;
import io.autoloop.analyzer.state.ParsedSerde;
import io.autoloop.analyzer.state.ReportPart;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.analyzer.state.StoreSerdes;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The analyzer's Kafka Streams topology: consumes {@code serving.decisions} and {@code feedback.events} and produces
 * {@code training.samples}, {@code analysis.reports}, {@code experiment.arm-stats} and {@code feedback.rejected}.
 *
 * <pre>
 * serving.decisions ─▶ decision-triage ─┬─▶ feedback.rejected                  (unreadable)
 *   (by decisionId)                      └─▶ [decisions-by-user] ─┐            (re-keyed by user id)
 * feedback.events ────────────────────────────────────────────────┴─▶ attribution ─┬─▶ training.samples
 *   (by user id)                                                                   ├─▶ feedback.rejected
 *                                  [report-parts] ◀─ error counts per batch ◀──────┤
 *                                  [arm-parts]    ◀─ arm counts per batch ◀────────┘
 * [report-parts] ─▶ report-aggregation ─▶ analysis.reports     [arm-parts] ─▶ arm-stats-aggregation ─▶ experiment.arm-stats
 * </pre>
 *
 * <p>The decisions, about a tenth of the records, are re-keyed by user id to meet their feedback, so the feedback is
 * read in the order of its own partitions: out-of-order feedback is only what the collector wrote out of order,
 * which the grace covers; decisions that a repartition puts out of order are tolerated up to window + grace, as long
 * as feedback waits for its decision. The repartition topic takes the partition count of {@code serving.decisions},
 * and the default partitioner puts a user id on the same partition number as {@code feedback.events} does only when
 * both topics have the same partition count (six on the local stack). Feedback is not repartitioned either to be
 * de-duplicated: every copy of an event has the same key, so the attribution task drops repeats in a store of its own
 * ({@link SeenFeedback}).
 */
public final class AnalyzerTopology {

    private AnalyzerTopology() {}

    /** The topology for {@code settings}, counting into {@code registry}. */
    public static Topology build(AnalyzerSettings settings, MeterRegistry registry) {
        AnalyzerMetrics metrics = new AnalyzerMetrics(registry);
        ValueLimit limit = new ValueLimit(settings.limits().valueBytes(), metrics);
        TopicNames topics = settings.topics();
        ParsedSerde<Decision> decisionSerde = new ParsedSerde<>(Decision.class);
        StreamsBuilder builder = new StreamsBuilder();

        Map<String, KStream<String, Emitted>> triaged = builder.stream(
                        topics.decisions(),
                        Consumed.with(Serdes.String(), decisionSerde)
                                .withTimestampExtractor(EventTimes.DECISION)
                                .withName("decisions"))
                .process(() -> new DecisionTriage(metrics, settings.punctuationInterval()), Named.as("decision-triage"))
                .split(Named.as("triaged-"))
                .branch((key, value) -> value instanceof Emitted.Rejection, Branched.as("rejected"))
                .defaultBranch(Branched.as("readable"));
        toRejected(triaged.get("triaged-rejected"), topics, limit, "triage");

        // Decisions go to the partition of their user; progress records (null values) to every partition.
        KStream<String, Arrival> decisions = triaged.get("triaged-readable")
                .mapValues(
                        value -> value instanceof Emitted.DecisionByUser byUser
                                ? (Parsed<Decision>) byUser.decision()
                                : null,
                        Named.as("readable-decisions"))
                .repartition(Repartitioned.with(Serdes.String(), limit.on(decisionSerde))
                        .withStreamPartitioner(AnalyzerTopology::decisionPartitions)
                        .withName("decisions-by-user"))
                .mapValues(
                        value -> value == null
                                ? (Arrival) new Arrival.ProgressArrival()
                                : new Arrival.DecisionArrival((Parsed.Ok<Decision>) value),
                        Named.as("decision-arrivals"));
        KStream<String, Arrival> feedback = builder.stream(
                        topics.feedback(),
                        Consumed.with(Serdes.String(), new ParsedSerde<>(FeedbackEvent.class))
                                .withTimestampExtractor(EventTimes.FEEDBACK)
                                .withName("feedback"))
                .mapValues(value -> (Arrival) new Arrival.FeedbackArrival(value), Named.as("feedback-arrivals"));

        Map<String, KStream<String, Emitted>> attributed = decisions
                .merge(feedback, Named.as("arrivals"))
                .process(attribution(settings, metrics), Named.as("attribution"))
                .split(Named.as("attributed-"))
                .branch((key, value) -> value instanceof Emitted.Sample, Branched.as("samples"))
                .branch((key, value) -> value instanceof Emitted.Rejection, Branched.as("rejected"))
                .branch((key, value) -> value instanceof Emitted.ErrorCounts, Branched.as("report-parts"))
                .defaultBranch(Branched.as("arm-parts"));

        attributed
                .get("attributed-samples")
                .mapValues(value -> ((Emitted.Sample) value).sample(), Named.as("samples"))
                .to(
                        topics.samples(),
                        Produced.with(Serdes.String(), limit.on(Topics.TRAINING_SAMPLES.serde()))
                                .withName("training-samples"));
        toRejected(attributed.get("attributed-rejected"), topics, limit, "attribution");

        attributed
                .get("attributed-report-parts")
                .mapValues(value -> ((Emitted.ErrorCounts) value).part(), Named.as("report-part"))
                .repartition(Repartitioned.with(Serdes.String(), limit.on(StoreSerdes.reportPart()))
                        .withName("report-parts"))
                .process(reportAggregation(settings), Named.as("report-aggregation"))
                .to(
                        topics.reports(),
                        Produced.with(Serdes.String(), limit.on(Topics.ANALYSIS_REPORTS.serde()))
                                .withName("analysis-reports"));

        attributed
                .get("attributed-arm-parts")
                .mapValues(value -> ((Emitted.ArmCounts) value).part(), Named.as("arm-part"))
                .repartition(Repartitioned.with(Serdes.String(), limit.on(StoreSerdes.armPart()))
                        .withName("arm-parts"))
                .process(armStatsAggregation(settings), Named.as("arm-stats-aggregation"))
                .to(
                        topics.armStats(),
                        Produced.with(Serdes.String(), limit.on(Topics.EXPERIMENT_ARM_STATS.serde()))
                                .withName("experiment-arm-stats"));

        return builder.build();
    }

    /** Every partition for a progress record (null value), the partition of the key for a decision. */
    private static Optional<Set<Integer>> decisionPartitions(
            String topic, String key, Parsed<Decision> value, int partitions) {
        if (value != null) {
            return Optional.empty();
        }
        return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
    }

    private static void toRejected(KStream<String, Emitted> stream, TopicNames topics, ValueLimit limit, String from) {
        stream.mapValues(value -> ((Emitted.Rejection) value).rejected(), Named.as(from + "-dead-letters"))
                .to(
                        topics.rejected(),
                        Produced.with(Serdes.String(), limit.on(Topics.FEEDBACK_REJECTED.serde()))
                                .withName(from + "-feedback-rejected"));
    }

    private static ProcessorSupplier<String, Arrival, String, Emitted> attribution(
            AnalyzerSettings settings, AnalyzerMetrics metrics) {
        return new ProcessorSupplier<>() {
            @Override
            public AttributionProcessor get() {
                return new AttributionProcessor(settings, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StoreBuilder<KeyValueStore<String, byte[]>> decisions = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(StoreNames.DECISIONS), Serdes.String(), Serdes.ByteArray());
                // Decision states are stored as the processor encoded them, so it can check their size.
                StoreBuilder<KeyValueStore<String, byte[]>> states = Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.DECISION_STATES),
                                Serdes.String(),
                                Serdes.ByteArray())
                        .withCachingEnabled();
                StoreBuilder<KeyValueStore<Bytes, byte[]>> deadlines = Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.DEADLINES),
                                Serdes.Bytes(),
                                Serdes.ByteArray())
                        .withCachingEnabled();
                StoreBuilder<KeyValueStore<String, Long>> clocks = Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.EVENT_CLOCKS), Serdes.String(), Serdes.Long())
                        .withCachingEnabled();
                return Set.of(decisions, states, deadlines, clocks, SeenFeedback.store(settings.attribution()));
            }
        };
    }

    private static ProcessorSupplier<String, ReportPart, String, ErrorReport> reportAggregation(
            AnalyzerSettings settings) {
        long windowSize = settings.reportWindow().toMillis();
        return new ProcessorSupplier<>() {
            @Override
            public ReportAggregator get() {
                return new ReportAggregator(windowSize);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StoreBuilder<WindowStore<String, ErrorAccumulator>> reports = Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        StoreNames.ERROR_REPORTS,
                                        settings.reportRetention(),
                                        settings.reportWindow(),
                                        false),
                                Serdes.String(),
                                StoreSerdes.errorAccumulator())
                        .withCachingEnabled();
                return Set.of(reports);
            }
        };
    }

    private static ProcessorSupplier<String, ArmPart, String, ArmStats> armStatsAggregation(AnalyzerSettings settings) {
        long windowSize = settings.armStatsWindow().toMillis();
        return new ProcessorSupplier<>() {
            @Override
            public ArmStatsAggregator get() {
                return new ArmStatsAggregator(windowSize);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StoreBuilder<WindowStore<String, ArmTally>> windows = Stores.windowStoreBuilder(
                                Stores.persistentWindowStore(
                                        StoreNames.ARM_STATS_WINDOWS,
                                        settings.armStatsRetention(),
                                        settings.armStatsWindow(),
                                        false),
                                Serdes.String(),
                                StoreSerdes.armTally())
                        .withCachingEnabled();
                StoreBuilder<KeyValueStore<String, ArmTally>> totals = Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.ARM_STATS_TOTALS),
                                Serdes.String(),
                                StoreSerdes.armTally())
                        .withCachingEnabled();
                return Set.of(windows, totals);
            }
        };
    }
}
