package io.autoloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.Topic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer on a private topic of the local stack's broker. */
class TopicWriterTest {

    private final String name = "test-support-writer-" + UUID.randomUUID();

    @BeforeEach
    void createTopic() {
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.create(name, 1);
        }
    }

    @AfterEach
    void deleteTopic() {
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.delete(List.of(name));
        }
    }

    @Test
    void writeOneIsOnTheTopicWhenItReturns() {
        Topic<String> greetings = new Topic<>(name, String.class);

        TopicWriter.writeOne(greetings, "k", "hello");

        assertThat(TopicReader.of(greetings).readAll()).containsExactly(new TopicRecord<>("k", "hello", 0, 0));
    }

    @Test
    void aRecordThatCannotBeWrittenFailsTheFlushWithTheReason() {
        try (TopicWriter writer = TopicWriter.localStack()) {
            // Given a record over the producer's largest request (1 MiB)
            writer.sendRaw(name, "k", "x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.UTF_8));

            // When the writer waits for it, then it fails and says why
            assertThatThrownBy(writer::flush)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("A test record could not be written: ")
                    .hasMessageContaining("larger than");
        }
    }
}
