package io.autoloop.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * An admin client of a broker for tests: creates private topics (and waits for their leaders) and deletes them,
 * answers a topic's partition count and its end or beginning {@link Offsets}, and what a consumer group has
 * committed. Close it when done.
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Duration CALL = Duration.ofSeconds(30);
    private static final Duration LEADERS = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;

    private TopicAdmin(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL.toMillis());
        this.admin = Admin.create(settings);
    }

    /** An admin client of the local stack's broker ({@link LocalStack#KAFKA}). */
    public static TopicAdmin localStack() {
        return on(LocalStack.KAFKA);
    }

    /** An admin client of the broker at {@code bootstrapServers}. */
    public static TopicAdmin on(String bootstrapServers) {
        return new TopicAdmin(bootstrapServers);
    }

    /** Creates {@code name} with {@code partitions} partitions; see {@link #create(Map)}. */
    public void create(String name, int partitions) {
        create(Map.of(name, partitions));
    }

    /**
     * Creates the topics (name → partitions, replication factor 1) and waits until every partition has a leader, so
     * that the first writes do not race the creation.
     */
    public void create(Map<String, Integer> partitionsByName) {
        List<NewTopic> topics = partitionsByName.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
                .toList();
        await(admin.createTopics(topics).all(), "create the topics " + partitionsByName.keySet());
        awaitLeaders(partitionsByName.keySet());
    }

    /**
     * Deletes those of {@code names} that exist, and waits until the broker no longer lists them. A failure is
     * printed, not thrown: this is clean-up, and a leftover test topic is harmless (its name is unique to its run).
     */
    public void delete(Collection<String> names) {
        try {
            List<String> existing = existing(names);
            await(admin.deleteTopics(existing).all(), "delete the topics " + existing);
            Instant deadline = Instant.now().plus(CALL);
            while (!existing(existing).isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The broker at " + bootstrapServers + " still lists "
                            + existing(existing) + " " + CALL + " after their deletion.");
                }
                pause(Duration.ofMillis(100), "waiting for the deletion of " + existing);
            }
        } catch (IllegalStateException e) {
            System.getLogger(TopicAdmin.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /** The names of the topics that start with {@code prefix}. */
    public List<String> namesStartingWith(String prefix) {
        return await(admin.listTopics().names(), "list the topics").stream()
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    /** How many partitions {@code topic} has. */
    public int partitions(String topic) {
        return describe(List.of(topic)).get(topic).partitions().size();
    }

    /** The end offset of every partition of {@code topic} now: where what is written from now on starts. */
    public Offsets endOffsets(String topic) {
        return endOffsets(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * The end offset of every partition of {@code topic} now, as a consumer with {@code isolation} sees it: under
     * {@code READ_COMMITTED}, the last stable offset (before any transaction still open).
     */
    public Offsets endOffsets(String topic, IsolationLevel isolation) {
        return offsets(topic, OffsetSpec.latest(), isolation);
    }

    /** The first offset of every partition of {@code topic} that still holds a record (0 until retention deletes). */
    public Offsets beginningOffsets(String topic) {
        return offsets(topic, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
    }

    /** The sum over the partitions of {@code topic} of the offsets the consumer group {@code group} has committed. */
    public long committed(String group, String topic) {
        return committedOffsets(group).entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    /**
     * Waits until the consumer group {@code group} has committed, on every partition of {@code topics}, the end offset
     * it has now: the group has then consumed every record written so far. Fails when that takes longer than
     * {@code timeout}.
     */
    public void awaitConsumed(String group, List<String> topics, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<TopicPartition, Long> end = new HashMap<>();
        for (String topic : topics) {
            endOffsets(topic)
                    .byPartition()
                    .forEach((partition, offset) -> end.put(new TopicPartition(topic, partition), offset));
        }
        while (Instant.now().isBefore(deadline)) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
            boolean consumed = end.entrySet().stream().allMatch(entry -> {
                OffsetAndMetadata offset = committed.get(entry.getKey());
                return entry.getValue() == 0 || (offset != null && offset.offset() >= entry.getValue());
            });
            if (consumed) {
                return;
            }
            pause(Duration.ofMillis(200), "waiting for " + group + " to consume " + topics);
        }
        throw new IllegalStateException(group + " did not consume " + topics + " within " + timeout + ".");
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }

    private List<String> existing(Collection<String> names) {
        return await(admin.listTopics().names(), "list the topics").stream()
                .filter(names::contains)
                .toList();
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        return await(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "read the offsets committed by " + group);
    }

    private Offsets offsets(String topic, OffsetSpec spec, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        describe(List.of(topic))
                .get(topic)
                .partitions()
                .forEach(partition -> request.put(new TopicPartition(topic, partition.partition()), spec));
        Map<Integer, Long> offsets = new HashMap<>();
        await(admin.listOffsets(request, new ListOffsetsOptions(isolation)).all(), "read the offsets of " + topic)
                .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return new Offsets(topic, offsets);
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) {
        return await(admin.describeTopics(topics).allTopicNames(), "describe the topics " + topics);
    }

    /** Polls until every partition of {@code topics} has a leader; a topic created a moment ago may be unknown yet. */
    private void awaitLeaders(Collection<String> topics) {
        Instant deadline = Instant.now().plus(LEADERS);
        while (true) {
            try {
                boolean led = admin
                        .describeTopics(topics)
                        .allTopicNames()
                        .get(CALL.toMillis(), TimeUnit.MILLISECONDS)
                        .values()
                        .stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "Could not describe the new topics " + topics + " on " + bootstrapServers + ".", e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "The broker at " + bootstrapServers + " did not describe " + topics + " within " + CALL + ".",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the leaders of " + topics + ".", e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The topics " + topics + " got no leaders within " + LEADERS + ".");
            }
            pause(Duration.ofMillis(100), "waiting for the leaders of " + topics);
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not " + what + " on " + bootstrapServers + " ("
                            + e.getCause().getMessage() + "); is the stack up (deploy/local/stack status)?",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Could not " + what + " on " + bootstrapServers + " within " + CALL
                            + ": is the stack up (deploy/local/stack status)?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what + ".", e);
        }
    }

    private static void pause(Duration duration, String what) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what + ".", e);
        }
    }
}
