package io.autoloop.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader, with the writer, on a private topic of the local stack's broker (3 partitions). */
class TopicReaderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String name = "test-support-reader-" + UUID.randomUUID();
    private final Topic<AuditEntry> topic = new Topic<>(name, AuditEntry.class);
    private final TopicReader<AuditEntry> reader = TopicReader.of(topic);

    @BeforeEach
    void createTopic() {
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.create(name, 3);
        }
    }

    @AfterEach
    void deleteTopic() {
        try (TopicAdmin admin = TopicAdmin.localStack()) {
            admin.delete(List.of(name));
        }
    }

    @Test
    void fromTheEndOffsetsTakenBeforeAnActionItReadsExactlyWhatTheActionWrote() {
        // Given records written before the mark
        write(entry("a", "before-1"), entry("b", "before-2"));
        Offsets before = reader.endOffsets();

        // When an action writes more
        write(entry("a", "after-1"), entry("c", "after-2"), entry("b", "after-3"));

        // Then reading to the end from the mark gives exactly those, typed, with their keys and places
        List<TopicRecord<AuditEntry>> written = reader.readToEnd(before);
        assertThat(written)
                .extracting(record -> record.key() + "/" + record.value().action())
                .containsExactlyInAnyOrder("a/after-1", "c/after-2", "b/after-3");
        assertThat(written).allSatisfy(record -> {
            assertThat(record.partition()).isBetween(0, 2);
            assertThat(record.offset())
                    .isGreaterThanOrEqualTo(before.byPartition().get(record.partition()));
        });
        assertThat(reader.readToEnd(reader.endOffsets())).isEmpty();
    }

    @Test
    void readAllReadsFromTheBeginningToTheEndOfTheMoment() {
        write(entry("a", "first"), entry("b", "second"));

        assertThat(reader.readAll())
                .extracting(record -> record.value().action())
                .containsExactlyInAnyOrder("first", "second");
        assertThat(reader.beginningOffsets().byPartition())
                .containsOnlyKeys(0, 1, 2)
                .containsValues(0L);
    }

    @Test
    void readingByKeyStopsAsSoonAsTheCountHasCome() {
        // Given three records of one key among others
        write(entry("wanted", "1"), entry("other", "2"), entry("wanted", "3"), entry("wanted", "4"));
        Instant started = Instant.now();

        // When two of that key are asked for, with a long deadline
        List<TopicRecord<AuditEntry>> found =
                reader.read(reader.beginningOffsets(), record -> record.hasKey("wanted"), 2, Duration.ofMinutes(5));

        // Then it returns without waiting for the deadline, with records of that key only
        assertThat(Duration.between(started, Instant.now())).isLessThan(PATIENCE);
        assertThat(found)
                .hasSizeBetween(2, 3)
                .allSatisfy(record -> assertThat(record.key()).isEqualTo("wanted"));
    }

    @Test
    void atTheDeadlineItReturnsWhatHasComeForTheCallerToAssert() {
        write(entry("only", "1"));

        List<TopicRecord<AuditEntry>> found =
                reader.read(reader.beginningOffsets(), record -> true, 5, Duration.ofSeconds(3));

        assertThat(found).extracting(TopicRecord::key).containsExactly("only");
    }

    @Test
    void settlingCatchesARecordThatComesAfterTheCount() throws Exception {
        // Given two records, read at once without settling
        write(entry("k", "1"), entry("k", "2"));
        Offsets beginning = reader.beginningOffsets();
        assertThat(reader.read(beginning, record -> true, 2, PATIENCE)).hasSize(2);

        // When a third comes a second after a settling read has started
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
            pause(Duration.ofSeconds(1));
            write(entry("k", "3"));
        });
        List<TopicRecord<AuditEntry>> settled =
                reader.read(beginning, record -> true, 2, PATIENCE, Duration.ofSeconds(8));
        late.get(30, TimeUnit.SECONDS);

        // Then the settling read has it too
        assertThat(settled).extracting(record -> record.value().action()).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void aRawReaderGivesTheBytesAsWrittenAndSkipsTombstones() {
        try (TopicWriter writer = TopicWriter.localStack()) {
            writer.sendRaw(name, "k", "{not json".getBytes(StandardCharsets.UTF_8));
            writer.sendRaw(name, "k", null);
        }

        List<TopicRecord<byte[]>> records = TopicReader.raw(name).readAll();

        assertThat(records)
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("{not json");
    }

    @Test
    void aCommittedOnlyReaderSkipsAbortedRecordsAndStopsBeforeAnOpenTransaction() {
        // Given a committed transaction, an aborted one and one still open
        try (KafkaProducer<String, byte[]> producer = transactional()) {
            producer.initTransactions();
            for (String action : List.of("committed", "aborted", "open")) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(name, "k", topic.serde().serialize(name, entry("k", action))));
                producer.flush();
                switch (action) {
                    case "committed" -> producer.commitTransaction();
                    case "aborted" -> producer.abortTransaction();
                    default -> {
                        // Left open while the reader reads.
                    }
                }
            }

            // When both readers read the topic while the last transaction is open
            List<TopicRecord<AuditEntry>> committed = reader.committedOnly().readAll();
            List<TopicRecord<AuditEntry>> everything = reader.readAll();

            // Then the committed-only reader saw the committed record alone, the other one all three
            assertThat(committed).extracting(record -> record.value().action()).containsExactly("committed");
            assertThat(everything)
                    .extracting(record -> record.value().action())
                    .containsExactly("committed", "aborted", "open");
            producer.abortTransaction();
        }
    }

    @Test
    void offsetsOfAnotherTopicAreRefused() {
        Offsets elsewhere = new Offsets("another-topic", Map.of(0, 0L));

        assertThatThrownBy(() -> reader.readToEnd(elsewhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A reader of " + name + " cannot start from offsets of another-topic.");
    }

    private void write(AuditEntry... entries) {
        try (TopicWriter writer = TopicWriter.localStack()) {
            for (AuditEntry entry : entries) {
                writer.send(topic, entry.subject(), entry);
            }
        }
    }

    private KafkaProducer<String, byte[]> transactional() {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, name);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    private static AuditEntry entry(String subject, String action) {
        return new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "test-support",
                "test",
                subject,
                action,
                null,
                Map.of());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while pausing.", e);
        }
    }
}
