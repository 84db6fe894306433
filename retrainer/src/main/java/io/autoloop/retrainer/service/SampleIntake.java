package io.autoloop.retrainer.service;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.JsonSerde;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.RecordQuarantine;
import io.autoloop.retrainer.domain.SampleOutcome;
import io.autoloop.retrainer.messaging.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Feeds the records of {@code training.samples} to the {@link LineageTrainers} of the model's lineages: consumes each batch the consumer polled and
 * produces, record by record in offset order, the trainer's update, a {@link SampleOutcome}, and a dead letter for
 * every record the trainer does not learn for a fault of its own (malformed, refused as a non-finite update, or
 * quarantined); each batch is counted by outcome ({@code autoloop.samples.consumed}).
 *
 * <p>When the trainer's step fails on a record, the failure leaves as a {@link RecordFailedException} and the loop
 * starts over from the checkpoint; the second failure on the same record quarantines it ({@link RecordQuarantine}):
 * the next time it is read, it is dead-lettered and skipped instead of taken.
 */
@ApplicationScoped
public class SampleIntake {

    private static final Logger LOG = Logger.getLogger(SampleIntake.class);

    private final JsonSerde<LabelledSample> samples = Topics.TRAINING_SAMPLES.serde();
    private final RecordQuarantine quarantine = new RecordQuarantine();
    private final DeadLetters deadLetters;
    private final TrainerMonitor monitor;

    public SampleIntake(DeadLetters deadLetters, TrainerMonitor monitor) {
        this.deadLetters = deadLetters;
        this.monitor = monitor;
    }

    /**
     * Takes every record of {@code records} into {@code trainers}, partition by partition, and counts them.
     *
     * @throws RecordFailedException when the trainer's step failed on a record: nothing of the batch is counted, and
     *     the trainer must be restored from its checkpoint
     */
    void takeAll(ConsumerRecords<byte[], byte[]> records, LineageTrainers trainers) {
        long[] counts = new long[SampleOutcome.values().length];
        for (TopicPartition topicPartition : records.partitions()) {
            String partition = topicPartition.toString();
            for (ConsumerRecord<byte[], byte[]> record : records.records(topicPartition)) {
                counts[take(record, partition, trainers).ordinal()]++;
            }
        }
        for (SampleOutcome outcome : SampleOutcome.values()) {
            monitor.counted(outcome, counts[outcome.ordinal()]);
        }
    }

    /**
     * The step for one record: a quarantined record is skipped; any other is read as a {@link LabelledSample} and
     * handed to the trainer, which learns it, skips it or refuses it. A record that is not a valid sample (not one at
     * all, a tombstone, or a feature that cannot be hashed), one the learner refuses and a quarantined one are
     * dead-lettered. Whatever the outcome, the trainer's offset of {@code partition} moves past the record.
     *
     * @param partition the record's partition as the trainer keys offsets, e.g. {@code training.samples-3}
     * @throws RecordFailedException when the trainer's step failed on the record
     */
    SampleOutcome take(ConsumerRecord<byte[], byte[]> record, String partition, LineageTrainers trainers) {
        long offset = record.offset();
        Optional<String> quarantined = quarantine.quarantined(partition, offset);
        if (quarantined.isPresent()) {
            trainers.acceptQuarantined(partition, offset, quarantined.get());
            deadLetters.send(record, SampleOutcome.QUARANTINED, quarantined.get());
            quarantine.taken(partition, offset);
            return SampleOutcome.QUARANTINED;
        }
        LabelledSample sample;
        try {
            sample = samples.deserialize(record.topic(), record.value());
            if (sample == null) {
                throw new IllegalArgumentException("The record has no value (a tombstone).");
            }
        } catch (RuntimeException e) {
            trainers.acceptMalformed(partition, offset, e.getMessage());
            deadLetters.send(record, SampleOutcome.MALFORMED, e.getMessage());
            return SampleOutcome.MALFORMED;
        }
        SampleOutcome outcome;
        try {
            outcome = learn(trainers, partition, offset, sample);
        } catch (RuntimeException e) {
            throw failed(partition, offset, e);
        }
        quarantine.taken(partition, offset);
        if (outcome.deadLettered()) {
            deadLetters.send(record, outcome, trainers.lastProblem());
        }
        return outcome;
    }

    /**
     * The trainer's own step for one sample. It is computation only, with no I/O, so whatever it throws is the
     * record's fault or a bug the record meets, never a Kafka or Redis outage.
     */
    SampleOutcome learn(LineageTrainers trainers, String partition, long offset, LabelledSample sample) {
        return trainers.accept(partition, offset, sample);
    }

    private RecordFailedException failed(String partition, long offset, RuntimeException failure) {
        String problem = "The training loop failed twice on this record, with "
                + failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (quarantine.failed(partition, offset, problem)) {
            LOG.errorf(
                    "The trainers failed twice on record %s@%d; it is quarantined: the loop dead-letters it and moves"
                            + " past it when it reads it again",
                    partition, offset);
        }
        return new RecordFailedException(partition, offset, failure);
    }
}
