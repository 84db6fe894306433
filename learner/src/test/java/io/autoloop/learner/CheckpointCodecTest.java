package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T06:00:00Z");
    private static final FeatureSpec SPEC = FeatureSpec.withoutCrosses(18);
    private static final FtrlParameters PARAMETERS = new FtrlParameters(0.1, 1.0, 0.01, 0.5);

    @Test
    void resumingFromACheckpointThenContinuingEqualsUninterruptedTraining() throws IOException {
        // given the first 8,000 Open Bandit examples, hashed
        List<FeatureVector> vectors = new ArrayList<>();
        List<Double> labels = new ArrayList<>();
        try (VwReader reader = VwReader.open(ObdData.stream(), new FeatureHasher(SPEC))) {
            FeatureVector x = new FeatureVector();
            while (vectors.size() < 8_000 && reader.next(x)) {
                FeatureVector copy = new FeatureVector();
                copy.copyFrom(x);
                vectors.add(copy);
                labels.add(reader.label());
            }
        }

        // when one trainer learns them all, and another stops after 5,000 and resumes from a checkpoint
        FtrlLearner uninterrupted = new FtrlLearner(SPEC, PARAMETERS);
        ProgressiveValidation uninterruptedValidation = new ProgressiveValidation(1_000);
        train(uninterrupted, uninterruptedValidation, vectors, labels, 0, 8_000);

        FtrlLearner stopped = new FtrlLearner(SPEC, PARAMETERS);
        ProgressiveValidation stoppedValidation = new ProgressiveValidation(1_000);
        train(stopped, stoppedValidation, vectors, labels, 0, 5_000);
        byte[] bytes = CheckpointCodec.write(new TrainerCheckpoint(
                "ctr", "1.0.0", CREATED, Map.of("training.samples-0", 5_000L), stopped, stoppedValidation));
        TrainerCheckpoint resumed = CheckpointCodec.read(bytes);
        train(resumed.learner(), resumed.validation(), vectors, labels, 5_000, 8_000);

        // then both reach the same state bit for bit, and report the same metrics
        assertThat(resumed.name()).isEqualTo("ctr");
        assertThat(resumed.lastVersion()).isEqualTo("1.0.0");
        assertThat(resumed.offsets()).isEqualTo(Map.of("training.samples-0", 5_000L));
        assertThat(resumed.learner().sameStateAs(uninterrupted)).isTrue();
        assertThat(resumed.validation().metrics()).isEqualTo(uninterruptedValidation.metrics());
        assertThat(resumed.learner().samplesSeen()).isEqualTo(8_000);
    }

    @Test
    void everyCorruptedByteIsDetected() {
        FtrlLearner learner = new FtrlLearner(FeatureSpec.withoutCrosses(8), PARAMETERS);
        ProgressiveValidation validation = new ProgressiveValidation(3);
        for (int i = 0; i < 5; i++) {
            FeatureVector x = FtrlLearnerTest.vector(256, 1.0, i * 7, 1.0);
            double label = i % 2;
            validation.record(learner.learn(x, label), label, 1.0);
        }
        byte[] bytes =
                CheckpointCodec.write(new TrainerCheckpoint("ctr", null, CREATED, Map.of(), learner, validation));

        for (int position = 0; position < bytes.length; position++) {
            byte[] corrupt = bytes.clone();
            corrupt[position] ^= (byte) 0x41;
            assertThatThrownBy(() -> CheckpointCodec.read(corrupt))
                    .as("byte %d of %d flipped", position, bytes.length)
                    .isInstanceOf(ModelFormatException.class);
        }
    }

    private static void train(
            FtrlLearner learner,
            ProgressiveValidation validation,
            List<FeatureVector> vectors,
            List<Double> labels,
            int from,
            int to) {
        for (int i = from; i < to; i++) {
            double label = labels.get(i);
            validation.record(learner.learn(vectors.get(i), label), label, 1.0);
        }
    }
}
