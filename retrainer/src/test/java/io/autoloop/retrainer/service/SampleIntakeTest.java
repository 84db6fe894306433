package io.autoloop.retrainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topics;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.TestConfig;
import io.autoloop.retrainer.TestLineages;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GatePolicy;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.SampleOutcome;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.retrainer.messaging.DeadLetters;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The step the training loop takes for every record, with the dead letters it writes caught by a mock producer. */
class SampleIntakeTest {

    private static final String MODEL = "ctr-intake";
    private static final String TOPIC = "training.samples";
    private static final TrainerSettings SETTINGS = new TrainerSettings(
            new FeatureSpec(16, 0, List.of(new Cross("user", "item"))),
            FtrlParameters.defaults(),
            300,
            new GatePolicy(0.002, 1e-6, 100));

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RetrainerConfig config = TestConfig.of(Map.of("retrainer.model-name", MODEL));
    private final DeadLetters deadLetters = new DeadLetters(new TrainerEvents(producer, Duration.ofSeconds(1)), config);
    private final TrainerMonitor monitor = new TrainerMonitor(meters, config);
    private final SampleIntake intake = new SampleIntake(deadLetters, monitor);
    private final LineageTrainers trainers = trainersOfOneLineage();
    private final Trainer trainer = trainers.trainers().get(0);
    private final SyntheticSamples samples = new SyntheticSamples(5);

    @Test
    void eachRecordIsLearnedSkippedOrDeadLetteredAndCountedOnce() {
        // Given: two samples to learn, one without consent, and three records that are not valid samples.
        byte[] unhashable = new String(json(samples.next()), StandardCharsets.UTF_8)
                .replace("\"device\":", "\"tags\":[\"a\"],\"device\":")
                .getBytes(StandardCharsets.UTF_8);
        ConsumerRecords<byte[], byte[]> batch = batch(
                json(samples.next()),
                json(samples.next(false)),
                "{not json".getBytes(StandardCharsets.UTF_8),
                null,
                unhashable,
                json(samples.next()));

        // When
        intake.takeAll(batch, trainers);

        // Then: the trainer moved past all six records and counted each by what happened to it ...
        assertThat(trainer.offsets()).isEqualTo(Map.of(TOPIC + "-0", 6L));
        assertThat(List.of(
                        trainer.recordsConsumed(),
                        trainer.samplesSeen(),
                        trainer.skippedNoConsent(),
                        trainer.malformed()))
                .containsExactly(6L, 2L, 1L, 3L);
        assertThat(List.of(consumed("trained"), consumed("no-consent"), consumed("malformed")))
                .containsExactly(2.0, 1.0, 3.0);
        // ... and wrote one dead letter per invalid record, keyed by the model, naming the record and the problem.
        List<RejectedRecord> letters = deadLetters();
        assertThat(letters).extracting(RejectedRecord::reason).containsOnly("malformed-sample");
        assertThat(letters)
                .extracting(letter -> letter.errors().get(0))
                .extracting(FieldError::field)
                .containsExactly(TOPIC + "-0@2", TOPIC + "-0@3", TOPIC + "-0@4");
        assertThat(letters.get(0).payload()).isEqualTo("{not json");
        assertThat(letters.get(1).payload()).isNull();
        assertThat(letters.get(1).errors().get(0).message()).isEqualTo("The record has no value (a tombstone).");
        assertThat(letters.get(2).errors().get(0).message()).contains("context^tags");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsOnly(MODEL);
    }

    @Test
    void theStepForOneRecordReportsWhatTheTrainerDidWithIt() {
        ConsumerRecord<byte[], byte[]> learned = new ConsumerRecord<>(TOPIC, 3, 40, null, json(samples.next()));
        ConsumerRecord<byte[], byte[]> withoutConsent =
                new ConsumerRecord<>(TOPIC, 3, 41, null, json(samples.next(false)));
        ConsumerRecord<byte[], byte[]> unreadable =
                new ConsumerRecord<>(TOPIC, 3, 42, null, "[]".getBytes(StandardCharsets.UTF_8));

        List<SampleOutcome> outcomes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : List.of(learned, withoutConsent, unreadable)) {
            outcomes.add(intake.take(record, TOPIC + "-3", trainers));
        }

        assertThat(outcomes).containsExactly(SampleOutcome.TRAINED, SampleOutcome.NO_CONSENT, SampleOutcome.MALFORMED);
        assertThat(trainer.offsets()).isEqualTo(Map.of(TOPIC + "-3", 43L));
        assertThat(deadLetters())
                .singleElement()
                .satisfies(letter -> assertThat(letter.payload()).isEqualTo("[]"));
    }

    @Test
    void aSampleTheLearnerRefusesIsDeadLetteredAsANonFiniteUpdateAndCountedByReason() {
        // Given: a sample with the feature value 1e200 between two good ones.
        LabelledSample poison = SyntheticSamples.withContextFeature(samples.next(), "quality", 1e200);
        ConsumerRecords<byte[], byte[]> batch = batch(json(samples.next()), json(poison), json(samples.next()));

        // When
        intake.takeAll(batch, trainers);

        // Then: the good ones are learned, the poison one is counted and dead-lettered with its reason, and passed
        // over.
        assertThat(List.of(trainer.recordsConsumed(), trainer.samplesSeen(), trainer.nonFiniteUpdates()))
                .containsExactly(3L, 2L, 1L);
        assertThat(trainer.offsets()).isEqualTo(Map.of(TOPIC + "-0", 3L));
        assertThat(List.of(consumed("trained"), consumed("non-finite-update"), deadLettered("non-finite-update")))
                .containsExactly(2.0, 1.0, 1.0);
        RejectedRecord letter = deadLetters().get(0);
        assertThat(List.of(letter.reason(), letter.errors().get(0).field()))
                .containsExactly("non-finite-update", TOPIC + "-0@1");
        assertThat(letter.errors().get(0).message())
                .contains(poison.decisionId(), "context^quality", "1.0E200", "non-finite");
        assertThat(letter.payload()).contains("1.0E200");
    }

    @Test
    void aRecordTheTrainersStepFailsOnTwiceIsQuarantinedAndPassedOverTheNextTimeItIsRead() {
        // Given: a step that fails on one sample (as a bug the sample meets would), which sits between two good ones.
        LabelledSample failing = samples.next();
        SampleIntake failingOnOne = new SampleIntake(deadLetters, monitor) {
            @Override
            SampleOutcome learn(LineageTrainers trainer, String partition, long offset, LabelledSample sample) {
                if (sample.decisionId().equals(failing.decisionId())) {
                    throw new IllegalStateException("The test's step fails on " + sample.decisionId() + ".");
                }
                return super.learn(trainer, partition, offset, sample);
            }
        };
        ConsumerRecords<byte[], byte[]> batch = batch(json(samples.next()), json(failing), json(samples.next()));

        // When: the loop reads the batch twice, starting over from a fresh trainer (its checkpoint) after each failure,
        List<RecordFailedException> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                failingOnOne.takeAll(batch, trainersOfOneLineage());
            } catch (RecordFailedException e) {
                failures.add(e);
            }
        }
        // ... and a third time.
        LineageTrainers thirdTime = trainersOfOneLineage();
        failingOnOne.takeAll(batch, thirdTime);
        Trainer third = thirdTime.trainers().get(0);

        // Then: both failures named the record; the third time it was skipped, counted and dead-lettered as
        // quarantined.
        assertThat(failures)
                .extracting(RecordFailedException::partition, RecordFailedException::offset)
                .containsExactly(tuple(TOPIC + "-0", 1L), tuple(TOPIC + "-0", 1L));
        assertThat(List.of(third.recordsConsumed(), third.samplesSeen(), third.quarantined()))
                .containsExactly(3L, 2L, 1L);
        assertThat(List.of(consumed("trained"), consumed("quarantined"), deadLettered("quarantined")))
                .containsExactly(2.0, 1.0, 1.0);
        RejectedRecord letter = deadLetters().get(0);
        assertThat(List.of(letter.reason(), letter.errors().get(0).field()))
                .containsExactly("quarantined", TOPIC + "-0@1");
        assertThat(letter.errors().get(0).message())
                .isEqualTo("The training loop failed twice on this record, with IllegalStateException: The test's step"
                        + " fails on " + failing.decisionId() + ".");
    }

    /** The trainers of the model's default lineage alone. */
    private static LineageTrainers trainersOfOneLineage() {
        LineageTrainers trainers = LineageTrainers.fresh(MODEL, SETTINGS);
        trainers.follow(List.of(TestLineages.defaultOf(MODEL, SETTINGS)));
        return trainers;
    }

    private static byte[] json(LabelledSample sample) {
        return Topics.TRAINING_SAMPLES.serde().serialize(TOPIC, sample);
    }

    /** The values as one poll of partition 0, from offset 0. */
    private static ConsumerRecords<byte[], byte[]> batch(byte[]... values) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int offset = 0; offset < values.length; offset++) {
            records.add(new ConsumerRecord<>(TOPIC, 0, offset, null, values[offset]));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), records), Map.of());
    }

    private double consumed(String outcome) {
        return meters.get("autoloop.samples.consumed")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private double deadLettered(String reason) {
        return meters.get("autoloop.samples.dead-lettered")
                .tag("reason", reason)
                .counter()
                .count();
    }

    private List<RejectedRecord> deadLetters() {
        return producer.history().stream()
                .filter(record -> record.topic().equals(Topics.FEEDBACK_REJECTED.name()))
                .map(record -> Topics.FEEDBACK_REJECTED.serde().deserialize(record.topic(), record.value()))
                .toList();
    }
}
