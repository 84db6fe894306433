package io.autoloop.analyzer;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.analyzer.domain.AttributionWindow;
import io.autoloop.analyzer.topology.AnalyzerTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The analyzer topology alone in a JVM of its own, so a test can kill it with SIGKILL between two commits: a test
 * starts it with {@code ServiceProcess.mainClass(AnalyzerProcess.class)} and the arguments
 * {@code <applicationId> <stateDir> <topicPrefix>}. Runs until killed.
 */
public final class AnalyzerProcess {

    private AnalyzerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        OutsideQuarkus.logAtInfo();
        AnalyzerSettings settings = settings(args[2]);
        Properties props = OutsideQuarkus.streamsProperties(args[0], Path.of(args[1]));
        KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(settings, new SimpleMeterRegistry()), props);
        streams.setStateListener((now, before) -> System.err.println("Kafka Streams: " + before + " -> " + now));
        streams.start();
        Thread.currentThread().join();
    }

    /**
     * The settings of the tests on the broker: a 2 s window and a 10 s grace, which covers how far feedback gets out of
     * order through the repartition topic while a backlog is caught up; no idle closing, so what is emitted depends
     * on the records only (the tests end their streams with {@link AnalyzerInput#sendSentinels}).
     */
    public static AnalyzerSettings settings(String topicPrefix) {
        return AnalyzerSettings.defaults()
                .withTopics(TopicNames.standard().prefixed(topicPrefix))
                .withAttribution(new AttributionWindow(Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .withWindows(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .withIdleClose(Duration.ofMillis(200), Optional.empty());
    }
}
