package io.autoloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin helpers on private topics of the local stack's broker. */
class TopicAdminTest {

    private final String prefix = "test-support-admin-" + UUID.randomUUID() + ".";
    private final TopicAdmin admin = TopicAdmin.localStack();

    @AfterEach
    void deleteTopics() {
        admin.delete(admin.namesStartingWith(prefix));
        admin.close();
    }

    @Test
    void createdTopicsHaveTheirPartitionsAndLeadersAndDeletedOnesAreGone() {
        // When two topics are created
        admin.create(Map.of(prefix + "six", 6, prefix + "one", 1));

        // Then they have their partitions, each already led (a first write is taken at once)
        assertThat(admin.namesStartingWith(prefix)).containsExactly(prefix + "one", prefix + "six");
        assertThat(admin.partitions(prefix + "six")).isEqualTo(6);
        assertThat(admin.partitions(prefix + "one")).isEqualTo(1);

        // And once deleted, they are gone; deleting what does not exist is no failure
        admin.delete(List.of(prefix + "six", prefix + "one", prefix + "never-created"));
        assertThat(admin.namesStartingWith(prefix)).isEmpty();
    }

    @Test
    void endOffsetsCountWhatWasWrittenFromBeginningOffsetsOfZero() {
        // Given a new topic
        String topic = prefix + "offsets";
        admin.create(topic, 3);
        assertThat(admin.endOffsets(topic).total()).isZero();

        // When five records are written
        try (TopicWriter writer = TopicWriter.localStack()) {
            for (int i = 0; i < 5; i++) {
                writer.sendRaw(topic, "key-" + i, new byte[] {(byte) i});
            }
        }

        // Then the end offsets add up to five, every partition beginning at 0
        Offsets end = admin.endOffsets(topic);
        assertThat(end.topic()).isEqualTo(topic);
        assertThat(end.byPartition()).containsOnlyKeys(0, 1, 2);
        assertThat(end.total()).isEqualTo(5);
        assertThat(admin.beginningOffsets(topic).byPartition()).isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
    }

    @Test
    void aGroupsCommittedOffsetsAreSummedAndAwaitedUntilItHasConsumedEverything() {
        // Given four records on a topic, and a group that has committed two of them
        String topic = prefix + "group";
        String group = prefix + "group";
        admin.create(topic, 1);
        try (TopicWriter writer = TopicWriter.localStack()) {
            for (int i = 0; i < 4; i++) {
                writer.sendRaw(topic, "k", "v".getBytes(StandardCharsets.UTF_8));
            }
        }
        commit(group, topic, 2);

        // Then it has not consumed everything yet
        assertThat(admin.committed(group, topic)).isEqualTo(2);
        assertThatThrownBy(() -> admin.awaitConsumed(group, List.of(topic), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(group + " did not consume [" + topic + "] within PT1S.");

        // When it commits the rest, then waiting for it returns
        commit(group, topic, 4);
        admin.awaitConsumed(group, List.of(topic), Duration.ofSeconds(30));
        assertThat(admin.committed(group, topic)).isEqualTo(4);
    }

    private static void commit(String group, String topic, long offset) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)));
        }
    }
}
