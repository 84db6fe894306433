package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.OutsideQuarkus;
import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.analyzer.domain.DecisionState;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.analyzer.state.StoreNames;
import io.autoloop.analyzer.state.StoreSerdes;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The analyzer topology in a {@link TopologyTestDriver} (one task), with the service's Kafka Streams settings
 * (exactly-once, exception handlers), typed input and output topics, the Micrometer counters it wrote and the size of
 * its stored decision states.
 *
 * <p>Event time only moves with records, so {@link #advanceStreamTimeTo} pipes "ticks" on both inputs, then lets the
 * punctuation that closes what is due run.
 */
final class AnalyzerDriver implements AutoCloseable {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    private final TestInputTopic<String, Decision> decisions;
    private final TestInputTopic<String, FeedbackEvent> feedback;
    private final TestInputTopic<String, String> rawDecisions;
    private final TestInputTopic<String, String> rawFeedback;
    private final TestOutputTopic<String, LabelledSample> samples;
    private final TestOutputTopic<String, RejectedRecord> rejected;
    private final TestOutputTopic<String, ErrorReport> reports;
    private final TestOutputTopic<String, ArmStats> armStats;
    private final TestInputTopic<String, byte[]> progress;
    private static final String APPLICATION_ID = "analyzer-topology-test";
    private static final String TICK = "tick-";

    private final Duration punctuationInterval;
    private int ticks;

    /** The analyzer as the driver runs it: every topic as one partition. */
    AnalyzerDriver(AnalyzerSettings settings, Path stateDir, Instant wallClock) {
        this(settings, stateDir, wallClock, 1);
    }

    /**
     * The analyzer configured for {@code partitions} decision partitions, of which the driver feeds only partition 0;
     * {@link #reportDecisionProgress} stands in for the others.
     */
    AnalyzerDriver(AnalyzerSettings settings, Path stateDir, Instant wallClock, int partitions) {
        this.punctuationInterval = settings.punctuationInterval();
        Properties props = OutsideQuarkus.streamsProperties(APPLICATION_ID, stateDir);
        driver = new TopologyTestDriver(
                AnalyzerTopology.build(settings.withPartitions(partitions), registry), props, wallClock);
        TopicNames topics = settings.topics();
        StringSerializer keys = new StringSerializer();
        decisions = driver.createInputTopic(topics.decisions(), keys, Topics.SERVING_DECISIONS.serde());
        feedback = driver.createInputTopic(topics.feedback(), keys, Topics.FEEDBACK_EVENTS.serde());
        rawDecisions = driver.createInputTopic(topics.decisions(), keys, keys);
        rawFeedback = driver.createInputTopic(topics.feedback(), keys, keys);
        StringDeserializer keyReader = new StringDeserializer();
        samples = driver.createOutputTopic(topics.samples(), keyReader, Topics.TRAINING_SAMPLES.serde());
        rejected = driver.createOutputTopic(topics.rejected(), keyReader, Topics.FEEDBACK_REJECTED.serde());
        reports = driver.createOutputTopic(topics.reports(), keyReader, Topics.ANALYSIS_REPORTS.serde());
        armStats = driver.createOutputTopic(topics.armStats(), keyReader, Topics.EXPERIMENT_ARM_STATS.serde());
        progress = driver.createInputTopic(
                APPLICATION_ID + "-decisions-by-user-repartition", keys, new ByteArraySerializer());
    }

    /**
     * Pipes what {@code serving.decisions} partition {@code partition} would broadcast once it has come to
     * {@code time}: a progress record (no key, no value) with its source and progress headers.
     */
    void reportDecisionProgress(int partition, Instant time) {
        Headers headers = new RecordHeaders()
                .add(
                        DecisionTriage.SOURCE,
                        ByteBuffer.allocate(Integer.BYTES).putInt(partition).array())
                .add(
                        DecisionTriage.PROGRESS,
                        ByteBuffer.allocate(Long.BYTES)
                                .putLong(time.toEpochMilli())
                                .array());
        progress.pipeInput(new TestRecord<>(null, null, headers, time));
        driver.advanceWallClockTime(punctuationInterval);
    }

    /** Pipes decisions keyed by their decisionId. */
    void decide(Decision... piped) {
        for (Decision decision : piped) {
            decisions.pipeInput(decision.decisionId(), decision, decision.servedAt());
        }
    }

    /** Pipes feedback events keyed by their (pseudonymous) user id. */
    void feed(FeedbackEvent... piped) {
        for (FeedbackEvent event : piped) {
            feedback.pipeInput(event.userId(), event, event.eventTime());
        }
    }

    void pipeRawDecision(String key, String json, Instant timestamp) {
        rawDecisions.pipeInput(key, json, timestamp);
    }

    void pipeRawFeedback(String key, String json, Instant timestamp) {
        rawFeedback.pipeInput(key, json, timestamp);
    }

    /**
     * Moves both inputs' event time to {@code time}: pipes a "tick" decision without model or experiment and an
     * impression for it; the samples of ticks are left out of {@link #samples()}.
     */
    void advanceStreamTimeTo(Instant time) {
        ticks++;
        Decision tick = new Decision(
                Decision.SCHEMA_VERSION,
                TICK + ticks,
                "clock",
                null,
                Arm.CHAMPION,
                null,
                time,
                List.of(new ServedItem("tick", 1, 0.0, 1.0, Map.of())));
        decide(tick);
        feed(new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                TICK + ticks,
                EventType.IMPRESSION,
                "clock",
                "tick",
                tick.decisionId(),
                time,
                null,
                null,
                null,
                true,
                "clock",
                time,
                time));
        driver.advanceWallClockTime(punctuationInterval);
    }

    void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    List<KeyValue<String, LabelledSample>> samples() {
        return samples.readKeyValuesToList().stream()
                .filter(sample -> !sample.value.decisionId().startsWith(TICK))
                .toList();
    }

    List<LabelledSample> sampleValues() {
        return samples().stream().map(sample -> sample.value).toList();
    }

    List<RejectedRecord> rejected() {
        return rejected.readValuesToList();
    }

    List<KeyValue<String, ErrorReport>> reports() {
        return reports.readKeyValuesToList();
    }

    List<KeyValue<String, ArmStats>> armStats() {
        return armStats.readKeyValuesToList();
    }

    /** How many feedback events were not attributed for {@code reason}. */
    long unattributed(UnattributedReason reason) {
        return (long) registry.counter(AnalyzerMetrics.UNATTRIBUTED, "reason", reason.wireName())
                .count();
    }

    double counter(String name, String... tags) {
        return registry.counter(name, tags).count();
    }

    /** The bytes of the stored state of {@code decisionId} (0 for none), as its changelog would receive them. */
    int storedStateBytes(String decisionId) {
        byte[] stored = driver.<String, byte[]>getKeyValueStore(StoreNames.DECISION_STATES)
                .get(decisionId);
        return stored == null ? 0 : stored.length;
    }

    /** The stored state of {@code decisionId}, or null. */
    DecisionState storedState(String decisionId) {
        byte[] stored = driver.<String, byte[]>getKeyValueStore(StoreNames.DECISION_STATES)
                .get(decisionId);
        return StoreSerdes.decisionState().deserializer().deserialize(StoreNames.DECISION_STATES, stored);
    }

    @Override
    public void close() {
        driver.close();
    }
}
