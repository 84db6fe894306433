package io.autoloop.analyzer;

import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.LocalStack;
import io.autoloop.testing.StackTopics;
import io.autoloop.testing.TopicAdmin;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives every start of the service under test its own topics (partitioned like the stack's) and its own Kafka
 * Streams application id on the shared broker, so runs never see each other's records or state.
 */
@QuarkusTestResource(value = TestTopics.class, restrictToAnnotatedClass = false)
public class TestTopics implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = create(LocalStack.KAFKA, "analyzer-test-" + run + ".");
        return Map.of(
                "quarkus.kafka-streams.application-id", "error-analyzer-test-" + run,
                "analyzer.topics.decisions", topics.decisions(),
                "analyzer.topics.feedback", topics.feedback(),
                "analyzer.topics.samples", topics.samples(),
                "analyzer.topics.reports", topics.reports(),
                "analyzer.topics.arm-stats", topics.armStats(),
                "analyzer.topics.rejected", topics.rejected());
    }

    @Override
    public void stop() {
        // The topics stay: they are small, unique to the run, and the stack's retention removes their records.
    }

    /** Creates the analyzer's topics with {@code prefix} before each name, partitioned as in the stack. */
    public static TopicNames create(String bootstrapServers, String prefix) {
        TopicNames topics = TopicNames.standard().prefixed(prefix);
        Map<String, Integer> partitions = new LinkedHashMap<>();
        partitions.put(topics.decisions(), StackTopics.partitions(Topics.SERVING_DECISIONS));
        partitions.put(topics.feedback(), StackTopics.partitions(Topics.FEEDBACK_EVENTS));
        partitions.put(topics.samples(), StackTopics.partitions(Topics.TRAINING_SAMPLES));
        partitions.put(topics.reports(), StackTopics.partitions(Topics.ANALYSIS_REPORTS));
        partitions.put(topics.armStats(), StackTopics.partitions(Topics.EXPERIMENT_ARM_STATS));
        partitions.put(topics.rejected(), StackTopics.partitions(Topics.FEEDBACK_REJECTED));
        try (TopicAdmin admin = TopicAdmin.on(bootstrapServers)) {
            admin.create(partitions);
        }
        return topics;
    }
}
