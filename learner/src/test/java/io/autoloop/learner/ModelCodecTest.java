package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCodecTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T06:00:00.123456789Z");

    private static FtrlLearner learner;
    private static ModelSnapshot model;
    private static List<FtrlLearnerTest.Sample> probes;

    @BeforeAll
    static void trainASmallModel() {
        List<FtrlLearnerTest.Sample> stream = FtrlLearnerTest.syntheticStream(3_000, 5);
        learner = FtrlLearnerTest.train(new FtrlParameters(0.1, 1.0, 0.5, 0.1), stream);
        model = learner.snapshot(
                "ctr", "1.3.0", "1.2.0", Map.of("training.samples-1", 812L, "training.samples-0", 2_188L), CREATED);
        probes = FtrlLearnerTest.syntheticStream(200, 99);
    }

    @Test
    void readingWhatWasWrittenScoresIdenticallyAndKeepsTheProvenance() {
        ModelSnapshot copy = ModelCodec.read(ModelCodec.write(model));

        assertThat(copy.provenance()).isEqualTo(model.provenance());
        assertThat(copy.nonZeroWeights()).isEqualTo(model.nonZeroWeights());
        for (FtrlLearnerTest.Sample probe : probes) {
            assertThat(copy.predict(probe.x())).isEqualTo(model.predict(probe.x()));
        }
        assertThat(copy.provenance().offsets().keySet()).containsExactly("training.samples-0", "training.samples-1");
    }

    @Test
    void streamsCarryTheSameBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ModelCodec.write(model, out);

        assertThat(out.toByteArray()).isEqualTo(ModelCodec.write(model));
        assertThat(ModelCodec.read(new ByteArrayInputStream(out.toByteArray())).provenance())
                .isEqualTo(model.provenance());
    }

    @Test
    void aModelWithoutParentOrWeightsRoundTrips() {
        FtrlLearner fresh = new FtrlLearner(FeatureSpec.defaults(), FtrlParameters.defaults());
        ModelSnapshot empty = fresh.snapshot("ctr", "0.1.0", null, Map.of(), CREATED);

        ModelSnapshot copy = ModelCodec.read(ModelCodec.write(empty));

        assertThat(copy.provenance()).isEqualTo(empty.provenance());
        assertThat(copy.nonZeroWeights()).isZero();
        assertThat(copy.predict(FtrlLearnerTest.vector(5, 1.0))).isEqualTo(0.5);
    }

    @Test
    void onlyNonZeroWeightsAreStored() {
        byte[] bytes = ModelCodec.write(model);

        // at most 5 bytes of coordinate delta and 8 of weight per stored weight, plus a header well under 300 bytes
        assertThat(bytes.length).isLessThan(300 + 13 * model.nonZeroWeights());
        assertThat(model.nonZeroWeights()).isPositive().isLessThan(learner.stateSize());
    }

    @Test
    void everyCorruptedByteIsDetected() {
        byte[] bytes = ModelCodec.write(model);

        for (int position = 0; position < bytes.length; position++) {
            byte[] corrupt = bytes.clone();
            corrupt[position] ^= (byte) (1 + position % 255);
            assertThatThrownBy(() -> ModelCodec.read(corrupt))
                    .as("byte %d of %d flipped", position, bytes.length)
                    .isInstanceOf(ModelFormatException.class);
        }
    }

    @Test
    void aCorruptBodyIsReportedAsAChecksumMismatch() {
        byte[] corrupt = ModelCodec.write(model);
        corrupt[40] ^= 0x10;

        assertThatThrownBy(() -> ModelCodec.read(corrupt))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model is corrupt")
                .hasMessageContaining("CRC32");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 13, 100, 1})
    void truncatedBytesAreReportedAsTruncated(int kept) {
        byte[] bytes = ModelCodec.write(model);
        byte[] truncated = Arrays.copyOf(bytes, kept == 1 ? bytes.length - 1 : kept);

        assertThatThrownBy(() -> ModelCodec.read(truncated))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void foreignBytesAreNotTakenForAModel() {
        byte[] checkpointLike = CheckpointCodec.write(new TrainerCheckpoint(
                "ctr",
                null,
                CREATED,
                Map.of(),
                new FtrlLearner(FeatureSpec.withoutCrosses(4), FtrlParameters.defaults()),
                new ProgressiveValidation(2)));
        byte[] random = new byte[64];
        new Random(1).nextBytes(random);

        assertThatThrownBy(() -> ModelCodec.read(checkpointLike)).hasMessageContaining("not a model");
        assertThatThrownBy(() -> ModelCodec.read(random)).hasMessageContaining("not a model");
    }

    @Test
    void anotherFormatVersionIsRefusedByName() {
        byte[] future = ModelCodec.write(model);
        future[5] = 2;

        assertThatThrownBy(() -> ModelCodec.read(future))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("format version 2");
    }
}
