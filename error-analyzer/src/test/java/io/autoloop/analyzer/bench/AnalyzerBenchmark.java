package io.autoloop.analyzer.bench;

import com.sun.management.OperatingSystemMXBean;
import io.autoloop.analyzer.AnalyzerInput;
import io.autoloop.analyzer.OutsideQuarkus;
import io.autoloop.analyzer.TestTopics;
import io.autoloop.analyzer.Traffic;
import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.analyzer.domain.AttributionWindow;
import io.autoloop.analyzer.topology.AnalyzerTopology;
import io.autoloop.testing.LocalStack;
import io.autoloop.testing.TopicAdmin;
import io.autoloop.testing.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Sustained throughput of the analyzer on the local stack, end to end: feedback events and decisions in from Kafka,
 * labelled samples out to Kafka (exactly-once, the service's Kafka Streams settings).
 *
 * <p>Pre-produces {@code bench.decisions} decisions of {@code bench.items} items (default 60,000 × 10) with an
 * impression per item and a click on {@code bench.click-rate} of them (default 5%), served 0.5 ms apart in event
 * time (about 21,000 feedback events per second of event time, served 30 minutes ago: a backlog). It then runs the
 * analyzer with one instance, and again with two instances sharing one application id, each time reading the
 * committed samples until all have arrived; once the input is consumed, one sentinel per partition closes the last
 * windows. The sustained rate is measured between 10% and 90% of the samples, so that neither start-up nor the end
 * of the stream counts. Finally it checks that both runs wrote the same samples, each exactly once. Windows: 2 s
 * attribution window and 10 s grace, no idle closing.
 *
 * <p>Run: {@code ./mvnw -B -pl error-analyzer -Pbench test-compile exec:java -Dbench.decisions=60000}
 */
public final class AnalyzerBenchmark {

    private static final OperatingSystemMXBean PROCESS =
            ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);

    private final int decisions;
    private final int items;
    private final Traffic traffic;
    private final String run;
    private final String inputPrefix;
    private final int threads;

    private AnalyzerBenchmark(int decisions, int items, double clickRate, int threads) {
        this.decisions = decisions;
        this.items = items;
        this.threads = threads;
        this.run = UUID.randomUUID().toString().substring(0, 8);
        this.inputPrefix = "analyzer-bench-" + run + ".";
        Instant start = Instant.now().minus(Duration.ofMinutes(30));
        this.traffic = new Traffic(run, items, clickRate, start, Duration.ofNanos(500_000));
    }

    public static void main(String[] args) throws Exception {
        OutsideQuarkus.logAtInfo();
        AnalyzerBenchmark benchmark = new AnalyzerBenchmark(
                Integer.getInteger("bench.decisions", 60_000),
                Integer.getInteger("bench.items", 10),
                Double.parseDouble(System.getProperty("bench.click-rate", "0.05")),
                Integer.getInteger("bench.threads", 1));
        benchmark.runAll();
        System.exit(0);
    }

    private void runAll() throws Exception {
        // The same input twice: the sentinels that end one run's stream must not reach the other run.
        TopicNames forOne = TestTopics.create(LocalStack.KAFKA, inputPrefix + "one.");
        TopicNames forTwo = TestTopics.create(LocalStack.KAFKA, inputPrefix + "two.");
        long feedbackEvents;
        try (AnalyzerInput input = AnalyzerInput.to(forOne)) {
            feedbackEvents = input.sendTraffic(traffic, decisions);
        }
        try (AnalyzerInput input = AnalyzerInput.to(forTwo)) {
            input.sendTraffic(traffic, decisions);
        }
        long expected = (long) decisions * items;
        print(
                "input: %,d decisions × %d items, %,d feedback events (%.1f%% clicks)",
                decisions, items, feedbackEvents, 100.0 * (feedbackEvents - expected) / expected);

        Result one = measure(forOne, 1, feedbackEvents, expected);
        Result two = measure(forTwo, 2, feedbackEvents, expected);

        Set<String> onlyOne = new HashSet<>(one.samples());
        onlyOne.removeAll(two.samples());
        Set<String> onlyTwo = new HashSet<>(two.samples());
        onlyTwo.removeAll(one.samples());
        onlyOne.stream().sorted().limit(5).forEach(sample -> print("  only with one instance: %s", sample));
        onlyTwo.stream().sorted().limit(5).forEach(sample -> print("  only with two instances: %s", sample));
        print(
                "same samples from one and two instances: %s (%,d and %,d distinct, duplicates %d and %d)",
                one.samples().equals(two.samples()),
                one.samples().size(),
                two.samples().size(),
                one.duplicates(),
                two.duplicates());
    }

    /** Runs {@code instances} analyzers on the pre-produced input and reads their output until complete. */
    private Result measure(TopicNames input, int instances, long feedbackEvents, long expected) throws Exception {
        String applicationId = "analyzer-bench-" + run + "-x" + instances;
        TopicNames output = TestTopics.create(LocalStack.KAFKA, applicationId + ".");
        TopicNames topics = new TopicNames(
                input.decisions(),
                input.feedback(),
                output.samples(),
                output.reports(),
                output.armStats(),
                output.rejected());
        AnalyzerSettings settings = AnalyzerSettings.defaults()
                .withTopics(topics)
                .withAttribution(new AttributionWindow(Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .withWindows(Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withIdleClose(Duration.ofSeconds(1), Optional.empty());
        List<KafkaStreams> analyzers = new ArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Instant started = Instant.now();
        for (int i = 0; i < instances; i++) {
            Path stateDir = Files.createTempDirectory("analyzer-bench-");
            Properties props = OutsideQuarkus.streamsProperties(applicationId, stateDir);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(settings, registry), props);
            streams.start();
            analyzers.add(streams);
        }
        Thread endOfStream = new Thread(() -> {
            try (TopicAdmin admin = TopicAdmin.localStack()) {
                admin.awaitConsumed(
                        applicationId, List.of(input.decisions(), input.feedback()), Duration.ofMinutes(15));
            }
            try (AnalyzerInput sentinels = AnalyzerInput.to(topics)) {
                sentinels.sendSentinels(traffic.servedAt(decisions).plusSeconds(13));
            }
        });
        endOfStream.start();
        Result result = read(output.samples(), expected, started);
        endOfStream.join();
        for (int i = 0; i < analyzers.size(); i++) {
            print(
                    "  instance %d of %d: attribution partitions %s",
                    i + 1, instances, attributionPartitions(analyzers.get(i), input.feedback()));
        }
        analyzers.forEach(streams -> streams.close(Duration.ofSeconds(30)));
        registry.getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("autoloop.")
                        && meter.measure().iterator().next().getValue() > 0)
                .forEach(meter -> print(
                        "  %s %s: %,.0f",
                        meter.getId().getName(),
                        meter.getId().getTags(),
                        meter.measure().iterator().next().getValue()));
        double sustained = Duration.between(result.tenth(), result.ninetieth()).toMillis() / 1000.0;
        double total = Duration.between(started, result.lastSample()).toMillis() / 1000.0;
        print(
                "%d instance(s), %d stream thread(s) each: %,d samples; first after %.1f s, 10%% after %.1f s, 90%% after"
                        + " %.1f s, all after %.1f s; sustained %,.0f feedback events/s (10%%→90%% of the samples),"
                        + " %,.0f/s overall including start-up and the end of the stream; CPU of this JVM (analyzers"
                        + " and sample reader) %.1f µs per feedback event, 10%%→90%%",
                instances,
                threads,
                result.count(),
                seconds(started, result.firstSample()),
                seconds(started, result.tenth()),
                seconds(started, result.ninetieth()),
                total,
                0.8 * feedbackEvents / sustained,
                feedbackEvents / total,
                result.cpuNanosTenthToNinetieth() / 1000.0 / (0.8 * feedbackEvents));
        return result;
    }

    private Result read(String topic, long expected, Instant started) {
        Set<String> samples = new HashSet<>();
        long count = 0;
        long duplicates = 0;
        Instant first = null;
        Instant tenth = null;
        Instant ninetieth = null;
        Instant last = null;
        long cpuAtTenth = 0;
        long cpuAtNinetieth = 0;
        TopicReader<byte[]> output = TopicReader.raw(topic).committedOnly();
        try (KafkaConsumer<String, byte[]> consumer = output.openConsumer(output.beginningOffsets())) {
            Instant deadline = started.plus(Duration.ofMinutes(15));
            while (count < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (first == null) {
                        first = Instant.now();
                    }
                    count++;
                    if (!samples.add(canonical(record.value()))) {
                        duplicates++;
                    }
                    if (tenth == null && count >= expected / 10) {
                        tenth = Instant.now();
                        cpuAtTenth = PROCESS.getProcessCpuTime();
                    }
                    if (ninetieth == null && count >= expected * 9 / 10) {
                        ninetieth = Instant.now();
                        cpuAtNinetieth = PROCESS.getProcessCpuTime();
                    }
                }
                last = Instant.now();
            }
            // Anything beyond the expected count would be a duplicate: look a little longer.
            Instant settle = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(settle)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count++;
                    if (!samples.add(canonical(record.value()))) {
                        duplicates++;
                    }
                }
            }
        }
        if (count < expected) {
            throw new IllegalStateException("Only " + count + " of " + expected + " samples arrived in 15 minutes.");
        }
        return new Result(samples, count, duplicates, first, tenth, ninetieth, last, cpuAtNinetieth - cpuAtTenth);
    }

    /**
     * A sample as written: its JSON. Equal samples give equal JSON within one JVM (the same field and map order), and
     * the reader does not parse it, so that it takes as little CPU from the analyzer as possible.
     */
    private static String canonical(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** The partitions of {@code feedback} whose attribution task runs on {@code streams}. */
    private static String attributionPartitions(KafkaStreams streams, String feedback) {
        return streams.metadataForLocalThreads().stream()
                .map(ThreadMetadata::activeTasks)
                .flatMap(Set::stream)
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(feedback))
                .map(TopicPartition::partition)
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private record Result(
            Set<String> samples,
            long count,
            long duplicates,
            Instant firstSample,
            Instant tenth,
            Instant ninetieth,
            Instant lastSample,
            long cpuNanosTenthToNinetieth) {}
}
