package io.autoloop.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.analyzer.domain.DecisionLimits;
import io.autoloop.analyzer.streams.ThreadReplacements;
import io.autoloop.analyzer.topology.AnalyzerTopology;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.ServedItem;
import io.autoloop.contracts.Topic;
import io.autoloop.testing.LocalStack;
import io.autoloop.testing.ServiceProcess;
import io.autoloop.testing.TopicAdmin;
import io.autoloop.testing.TopicReader;
import io.autoloop.testing.TopicRecord;
import io.autoloop.testing.TopicWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer topology on the local stack's broker, with exactly-once processing and the service's Kafka Streams
 * settings (see {@link AnalyzerProcess#settings} for the windows): decisions and feedback in, exactly the expected
 * samples out — also when the instance is killed with SIGKILL mid-stream, the feedback is published a second time, and
 * a new instance, with an empty state directory, restores the state from the changelogs and carries on, and when
 * records too large for the producer come first.
 */
class AnalyzerOnBrokerTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** Longer than the transaction timeout (10 s), so a duplicate committed late would still be seen. */
    private static final Duration SETTLE = Duration.ofSeconds(12);
    /** The 2 s window, the 10 s grace and a second: a sentinel this far after the last decision closes it. */
    private static final Duration CLOSES_ALL = Duration.ofSeconds(13);

    @TempDir
    Path stateDirs;

    @Test
    void decisionsAndFeedbackInExactlyTheExpectedSamplesOut() {
        String run = run();
        String applicationId = "analyzer-it-" + run;
        TopicNames topics = TestTopics.create(LocalStack.KAFKA, applicationId + ".");
        Traffic traffic = traffic(run, Instant.now().minus(Duration.ofMinutes(10)));
        int decisions = 2000;

        send(topics, traffic, decisions);
        try (KafkaStreams analyzer = start(applicationId, stateDirs.resolve("only"), topics)) {
            endStream(applicationId, topics, traffic.servedAt(decisions));
            List<LabelledSample> samples = samples(topics, decisions * traffic.itemsPerDecision());

            assertThat(samples).containsExactlyInAnyOrderElementsOf(traffic.expectedOfDecisions(0, decisions));
            analyzer.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void killedMidStreamAndRestartedWithTheFeedbackPublishedTwiceItLosesAndDuplicatesNothing() throws Exception {
        String run = run();
        String applicationId = "analyzer-kill-" + run;
        String prefix = applicationId + ".";
        TopicNames topics = TestTopics.create(LocalStack.KAFKA, prefix);
        int decisions = 3000;
        Traffic before = traffic(run + "a", Instant.now().minus(Duration.ofMinutes(10)));
        Traffic after =
                traffic(run + "b", before.servedAt(decisions).plus(CLOSES_ALL).plusSeconds(1));
        int samplesBefore = decisions * before.itemsPerDecision();

        // Phase 1: an analyzer in a JVM of its own labels the first traffic; its samples are committed.
        send(topics, before, decisions);
        int committedBeforeKill;
        long feedbackAfter;
        long feedbackAtKill;
        try (ServiceProcess first = spawn(applicationId, stateDirs.resolve("first"), prefix);
                TopicAdmin admin = TopicAdmin.localStack()) {
            endStream(applicationId, topics, before.servedAt(decisions));
            committedBeforeKill = samples(topics, samplesBefore).size();

            // Phase 2: more traffic; SIGKILL as soon as the analyzer has committed progress on it.
            long feedbackBefore = admin.committed(applicationId, topics.feedback());
            feedbackAfter = send(topics, after, decisions) + feedbackBefore;
            while (admin.committed(applicationId, topics.feedback()) == feedbackBefore) {
                first.assertAlive();
                Thread.sleep(50);
            }
            first.kill();
            feedbackAtKill = admin.committed(applicationId, topics.feedback());
        }
        // The collector published the second traffic's feedback twice (at-least-once: a retried request).
        resendFeedback(topics, after, decisions);

        // A new instance with an empty state directory restores the open decisions from the changelogs.
        try (KafkaStreams second = start(applicationId, stateDirs.resolve("second"), topics)) {
            endStream(applicationId, topics, after.servedAt(decisions));
            List<LabelledSample> samples = samples(topics, 2 * samplesBefore);

            List<LabelledSample> expected = new ArrayList<>(before.expectedOfDecisions(0, decisions));
            expected.addAll(after.expectedOfDecisions(0, decisions));
            assertThat(committedBeforeKill).isEqualTo(samplesBefore);
            assertThat(feedbackAtKill).as("killed mid-stream").isLessThan(feedbackAfter);
            assertThat(samples).containsExactlyInAnyOrderElementsOf(expected);
            second.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void recordsTooLargeToWriteAreSkippedAndTheStreamKeepsLabellingTheRecordsAfterThem() {
        // Given: a producer that sends records of at most 64 KiB; first a decision with 100 KiB of features (the
        // repartition would resend it whole) and an unreadable feedback record of 100 KiB (its dead letter would carry
        // it), then ordinary traffic.
        String run = run();
        String applicationId = "analyzer-oversized-" + run;
        TopicNames topics = TestTopics.create(LocalStack.KAFKA, applicationId + ".");
        Instant start = Instant.now().minus(Duration.ofMinutes(10));
        Decision oversized = Fixtures.decision(
                "oversized-" + run,
                "oversized-" + run,
                start,
                new ServedItem("a", 1, 0.5, 1.0, Map.of("item", Map.of("description", "x".repeat(100 * 1024)))));
        Traffic traffic = traffic(run, start.plusSeconds(1));
        int decisions = 200;
        try (AnalyzerInput input = AnalyzerInput.to(topics);
                TopicWriter writer = TopicWriter.localStack()) {
            input.send(oversized);
            input.send(Fixtures.click("oversized-click-" + run, oversized, "a", start.plusMillis(500)));
            writer.sendRaw(
                    topics.feedback(),
                    "unreadable-" + run,
                    ("not a feedback event " + "y".repeat(100 * 1024)).getBytes(StandardCharsets.UTF_8));
        }
        send(topics, traffic, decisions);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AnalyzerSettings settings = AnalyzerProcess.settings(prefixOf(topics))
                .withLimits(new AnalyzerSettings.Limits(DecisionLimits.standard(), 32 * 1024, 64 * 1024));
        Properties props = OutsideQuarkus.streamsProperties(applicationId, stateDirs.resolve("only"));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 64 * 1024);

        // When
        try (KafkaStreams analyzer = new KafkaStreams(AnalyzerTopology.build(settings, registry), props)) {
            analyzer.setUncaughtExceptionHandler(new ThreadReplacements(3, Duration.ofMinutes(10), registry));
            analyzer.start();
            endStream(applicationId, topics, traffic.servedAt(decisions));
            List<LabelledSample> samples = samples(topics, decisions * traffic.itemsPerDecision());

            // Then: both were refused before the producer saw them, counted, and the stream never stopped.
            assertThat(samples).containsExactlyInAnyOrderElementsOf(traffic.expectedOfDecisions(0, decisions));
            assertThat(registry.counter(
                                    "autoloop.records.too-large",
                                    "topic",
                                    applicationId + "-decisions-by-user-repartition")
                            .count())
                    .isEqualTo(1.0);
            assertThat(registry.counter("autoloop.records.too-large", "topic", topics.rejected())
                            .count())
                    .isEqualTo(1.0);
            assertThat(registry.find(ThreadReplacements.FAILURES).counters())
                    .allSatisfy(failures -> assertThat(failures.count()).isZero());
            assertThat(analyzer.state()).isEqualTo(KafkaStreams.State.RUNNING);
            analyzer.close(Duration.ofSeconds(10));
        }
    }

    /** Served 1 ms apart, four items each, 30% clicked: a backlog in the past that the analyzer catches up on. */
    private static Traffic traffic(String run, Instant start) {
        return new Traffic(run, 4, 0.3, start, Duration.ofMillis(1));
    }

    /** Sends the first {@code decisions} decisions of {@code traffic} and their feedback; answers the feedback count. */
    private static long send(TopicNames topics, Traffic traffic, int decisions) {
        try (AnalyzerInput input = AnalyzerInput.to(topics)) {
            return input.sendTraffic(traffic, decisions);
        }
    }

    /** Sends the feedback of the first {@code decisions} decisions of {@code traffic} once more. */
    private static void resendFeedback(TopicNames topics, Traffic traffic, int decisions) {
        try (AnalyzerInput input = AnalyzerInput.to(topics)) {
            for (int i = 0; i < decisions; i++) {
                traffic.feedback(i).forEach(input::send);
            }
        }
    }

    /** Once everything produced so far is consumed, closes every window that ends before {@code end + grace}. */
    private static void endStream(String applicationId, TopicNames topics, Instant end) {
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.awaitConsumed(applicationId, List.of(topics.decisions(), topics.feedback()), TIMEOUT);
        }
        try (AnalyzerInput input = AnalyzerInput.to(topics)) {
            input.sendSentinels(end.plus(CLOSES_ALL));
        }
    }

    /** The committed samples, once {@code expected} of them (sentinels left out) have come and a little longer. */
    private static List<LabelledSample> samples(TopicNames topics, int expected) {
        TopicReader<LabelledSample> samples = TopicReader.of(new Topic<>(topics.samples(), LabelledSample.class))
                .committedOnly();
        return samples.read(samples.beginningOffsets(), record -> !sentinel(record), expected, TIMEOUT, SETTLE).stream()
                .map(TopicRecord::value)
                .toList();
    }

    private static boolean sentinel(TopicRecord<LabelledSample> record) {
        return record.value().decisionId().startsWith("sentinel-");
    }

    private static KafkaStreams start(String applicationId, Path stateDir, TopicNames topics) {
        KafkaStreams streams = new KafkaStreams(
                AnalyzerTopology.build(AnalyzerProcess.settings(prefixOf(topics)), new SimpleMeterRegistry()),
                OutsideQuarkus.streamsProperties(applicationId, stateDir));
        streams.start();
        return streams;
    }

    /** Starts {@link AnalyzerProcess} in a JVM of its own, logging to {@code target/<applicationId>.log}. */
    private static ServiceProcess spawn(String applicationId, Path stateDir, String prefix) throws IOException {
        Files.createDirectories(stateDir);
        return ServiceProcess.mainClass(AnalyzerProcess.class)
                .name(applicationId)
                .args(List.of(applicationId, stateDir.toString(), prefix))
                .log(Path.of("target", applicationId + ".log"))
                .start();
    }

    private static String prefixOf(TopicNames topics) {
        return topics.decisions().substring(0, topics.decisions().length() - "serving.decisions".length());
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
