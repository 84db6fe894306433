package io.autoloop.retrainer.service;

import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.JsonSerde;
import io.autoloop.retrainer.domain.SampleOutcome;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.messaging.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Feeds the records of {@code training.samples} to the {@link Trainer}: consumes each batch the consumer polled and
 * produces, record by record in offset order, the trainer's update, a {@link SampleOutcome}, and a dead letter for
 * every record the trainer cannot learn; each batch is counted by outcome ({@code autoloop.samples.consumed}).
 */
@ApplicationScoped
public class SampleIntake {

    private final JsonSerde<LabelledSample> samples = Topics.TRAINING_SAMPLES.serde();
    private final DeadLetters deadLetters;
    private final TrainerMonitor monitor;

    public SampleIntake(DeadLetters deadLetters, TrainerMonitor monitor) {
        this.deadLetters = deadLetters;
        this.monitor = monitor;
    }

    /** Takes every record of {@code records} into {@code trainer}, partition by partition, and counts them. */
    void takeAll(ConsumerRecords<byte[], byte[]> records, Trainer trainer) {
        long trained = 0;
        long noConsent = 0;
        long malformed = 0;
        for (TopicPartition topicPartition : records.partitions()) {
            String partition = topicPartition.toString();
            for (ConsumerRecord<byte[], byte[]> record : records.records(topicPartition)) {
                switch (take(record, partition, trainer)) {
                    case TRAINED -> trained++;
                    case NO_CONSENT -> noConsent++;
                    case MALFORMED -> malformed++;
                }
            }
        }
        monitor.counted(trained, noConsent, malformed);
    }

    /**
     * The step for one record: reads it as a {@link LabelledSample} and hands it to the trainer, which learns it or
     * skips it; a record that is not a valid sample (not one at all, a tombstone, or a feature that cannot be hashed)
     * is dead-lettered. Whatever the outcome, the trainer's offset of {@code partition} moves past the record.
     *
     * @param partition the record's partition as the trainer keys offsets, e.g. {@code training.samples-3}
     */
    SampleOutcome take(ConsumerRecord<byte[], byte[]> record, String partition, Trainer trainer) {
        LabelledSample sample;
        try {
            sample = samples.deserialize(record.topic(), record.value());
            if (sample == null) {
                throw new IllegalArgumentException("The record has no value (a tombstone).");
            }
        } catch (RuntimeException e) {
            trainer.acceptMalformed(partition, record.offset(), e.getMessage());
            deadLetters.malformed(record, e.getMessage());
            return SampleOutcome.MALFORMED;
        }
        SampleOutcome outcome = trainer.accept(partition, record.offset(), sample);
        if (outcome == SampleOutcome.MALFORMED) {
            deadLetters.malformed(record, trainer.lastProblem());
        }
        return outcome;
    }
}
