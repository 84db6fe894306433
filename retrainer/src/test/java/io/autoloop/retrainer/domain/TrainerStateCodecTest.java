package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.retrainer.TestLineages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class TrainerStateCodecTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final TrainerSettings SETTINGS = new TrainerSettings(
            new FeatureSpec(12, 0, List.of(new Cross("user", "item"))),
            FtrlParameters.defaults(),
            50,
            new GatePolicy(0.002, 1e-6, 20));

    /**
     * {@code checkpoints/trainer-state-v1.bin} was written by the retrainer before its checkpoint moved into the
     * learner's envelope (format version 1), and {@code checkpoints/trainer-state-v2.bin} before it counted refused and
     * quarantined records (format version 2), both from exactly this run.
     */
    private static Trainer theRunOfTheVersion1Checkpoint() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        Candidate initial = trainer.initial(NOW);
        trainer.published(initial);
        // That retrainer, before lineages, numbered its first version 0.1.0.
        trainer.continueAfter("0.1.0");
        trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), initial.model());
        for (int i = 0; i < 120; i++) {
            trainer.accept("training.samples-0", i, sample(i, true));
        }
        trainer.accept("training.samples-1", 0, sample(120, false));
        trainer.acceptMalformed("training.samples-1", 1, "Could not read a LabelledSample from JSON.");
        return trainer;
    }

    @Test
    void aCheckpointOfFormatVersion1IsReadIntoTheStateItRecorded() throws IOException {
        // given a checkpoint an earlier retrainer left in Redis
        byte[] version1 = version1Checkpoint();
        assertThat(ByteBuffer.wrap(version1).getShort(4)).isEqualTo((short) 1);

        // when this build restores it
        Trainer restored = Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), version1, SETTINGS);

        // then it resumes exactly where that run stopped, which its next checkpoint (the current version) records
        assertThat(restored.samplesSeen()).isEqualTo(120);
        assertThat(restored.recordsConsumed()).isEqualTo(122);
        assertThat(restored.skippedNoConsent()).isEqualTo(1);
        assertThat(restored.malformed()).isEqualTo(1);
        assertThat(restored.offsets())
                .containsExactly(Map.entry("training.samples-0", 120L), Map.entry("training.samples-1", 2L));
        assertThat(restored.lastVersion()).isEqualTo("0.1.0");
        assertThat(restored.unannouncedVersion()).isNull();
        assertThat(restored.holdout().samples()).isEqualTo(50);
        assertThat(restored.checkpoint(NOW))
                .isEqualTo(theRunOfTheVersion1Checkpoint().checkpoint(NOW));
    }

    @Test
    void aCheckpointOfFormatVersion2IsReadWithNoRefusedOrQuarantinedRecords() throws IOException {
        // given a checkpoint a retrainer wrote before it counted refused and quarantined records
        byte[] version2 = resource("/checkpoints/trainer-state-v2.bin");
        assertThat(ByteBuffer.wrap(version2).getShort(4)).isEqualTo((short) 2);

        // when this build restores it
        Trainer restored = Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), version2, SETTINGS);

        // then it resumes exactly where that run stopped, with none of either
        assertThat(List.of(
                        restored.samplesSeen(),
                        restored.recordsConsumed(),
                        restored.malformed(),
                        restored.nonFiniteUpdates(),
                        restored.quarantined()))
                .containsExactly(120L, 122L, 1L, 0L, 0L);
        assertThat(restored.checkpoint(NOW))
                .isEqualTo(theRunOfTheVersion1Checkpoint().checkpoint(NOW));
    }

    @Test
    void checkpointsAreWrittenInTheLearnersEnvelope() {
        // when a trainer checkpoints
        byte[] bytes = theRunOfTheVersion1Checkpoint().checkpoint(NOW);

        // then the bytes are magic, the current format version, the body length, the body and the CRC32 of all before
        // it
        ByteBuffer frame = ByteBuffer.wrap(bytes);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo(TrainerStateCodec.MAGIC);
        assertThat(frame.getShort(4)).isEqualTo((short) TrainerStateCodec.FORMAT_VERSION);
        assertThat(frame.getInt(6)).isEqualTo(bytes.length - 14);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        assertThat(frame.getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
        assertThat(Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), bytes, SETTINGS)
                        .checkpoint(NOW))
                .isEqualTo(bytes);
    }

    @Test
    void aCorruptCheckpointOfFormatVersion1IsRefused() throws IOException {
        byte[] version1 = version1Checkpoint();
        version1[version1.length / 2] ^= 0x5A;

        assertThatThrownBy(() -> Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), version1, SETTINGS))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("The retrainer checkpoint of format version 1 fails its CRC32 check; it is corrupt.");
    }

    @Test
    void aVersion1CheckpointLabelledVersion2IsRefusedNotMisread() throws IOException {
        // given a version 1 checkpoint whose version field says 2, with a CRC32 that matches
        byte[] relabelled = withVersion(version1Checkpoint(), 2);

        // then its missing body length is noticed
        assertThatThrownBy(() -> Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), relabelled, SETTINGS))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("header declares");
    }

    @Test
    void aCheckpointOfALaterFormatVersionIsRefusedWithASentence() {
        byte[] later = withVersion(theRunOfTheVersion1Checkpoint().checkpoint(NOW), 4);

        assertThatThrownBy(() -> Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), later, SETTINGS))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("The retrainer checkpoint has format version 4, but this reader only reads version 3.");
    }

    private static byte[] version1Checkpoint() throws IOException {
        return resource("/checkpoints/trainer-state-v1.bin");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TrainerStateCodecTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }

    /** {@code bytes} with another format version and the CRC32 recomputed, so only the version differs. */
    private static byte[] withVersion(byte[] bytes, int version) {
        byte[] copy = Arrays.copyOf(bytes, bytes.length);
        ByteBuffer frame = ByteBuffer.wrap(copy);
        frame.putShort(4, (short) version);
        CRC32 crc = new CRC32();
        crc.update(copy, 0, copy.length - 4);
        frame.putInt(copy.length - 4, (int) crc.getValue());
        return copy;
    }

    /** Sample {@code i} of the run: one user feature, so its features iterate in the same order in every JVM. */
    private static LabelledSample sample(int i, boolean consent) {
        int label = i % 7 < 2 ? 1 : 0;
        return new LabelledSample(
                LabelledSample.SCHEMA_VERSION,
                "d-" + i,
                "u" + i % 17,
                "i" + i % 7,
                1 + i % 3,
                1.0,
                Map.of("user", Map.of("segment", "s" + i % 5)),
                label,
                1.0,
                label == 1 ? "click" : "no-feedback",
                "exp-1",
                "0.1.0",
                Arm.CHAMPION,
                0.5,
                NOW.plusSeconds(i),
                consent);
    }
}
