package io.autoloop.analyzer;

import io.autoloop.analyzer.config.TopicNames;
import io.autoloop.contracts.Topic;
import io.autoloop.contracts.Topics;
import io.autoloop.testing.LocalStack;
import io.autoloop.testing.StackTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(
                            likeTheStack(topics.decisions(), Topics.SERVING_DECISIONS),
                            likeTheStack(topics.feedback(), Topics.FEEDBACK_EVENTS),
                            likeTheStack(topics.samples(), Topics.TRAINING_SAMPLES),
                            likeTheStack(topics.reports(), Topics.ANALYSIS_REPORTS),
                            likeTheStack(topics.armStats(), Topics.EXPERIMENT_ARM_STATS),
                            likeTheStack(topics.rejected(), Topics.FEEDBACK_REJECTED)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, topics);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Could not create the test topics on " + bootstrapServers + "; is the stack up "
                            + "(deploy/local/stack status)?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the test topics.", e);
        }
        return topics;
    }

    private static NewTopic likeTheStack(String name, Topic<?> topic) {
        return new NewTopic(name, StackTopics.partitions(topic), (short) 1);
    }

    /** Waits until every partition of the new topics has a leader, so that the first writes do not race it. */
    private static void awaitLeaders(Admin admin, TopicNames topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = List.of(
                topics.decisions(),
                topics.feedback(),
                topics.samples(),
                topics.reports(),
                topics.armStats(),
                topics.rejected());
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                boolean led = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                // A topic created a moment ago may not be known to the broker's metadata yet.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The test topics " + names + " got no leaders within 10 s.");
    }
}
