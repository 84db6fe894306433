package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.autoloop.contracts.Lineage;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.TestLineages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTrainersTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final String PARTITION = "training.samples-0";
    private static final FeatureSpec SPEC = new FeatureSpec(16, 0, List.of(new Cross("user", "item")));
    private static final TrainerSettings SETTINGS =
            new TrainerSettings(SPEC, FtrlParameters.defaults(), 300, new GatePolicy(0.002, 1e-6, 100));
    private static final Lineage DEFAULT = TestLineages.defaultOf("ctr", SETTINGS);
    /** The default's feature spec with another α: it shares the default's hashed vectors. */
    private static final Lineage FASTER =
            TestLineages.of("ctr", "faster", 2, TrainerSettings.configOf(SPEC, new FtrlParameters(0.5, 1.0, 0.0, 0.0)));
    /** Another feature spec: it needs a hashing of its own. */
    private static final Lineage NO_CROSS = TestLineages.of(
            "ctr", "no-cross", 3, TrainerSettings.configOf(FeatureSpec.withoutCrosses(16), FtrlParameters.defaults()));

    @Test
    void eachSampleIsHashedOncePerDistinctFeatureSpecAndLearnedByEveryLineage() {
        // given three lineages of two feature specs
        LineageTrainers trainers = trainersOf(DEFAULT, FASTER, NO_CROSS);

        // when 100 samples are taken
        train(trainers, new SyntheticSamples(3), 0, 100);

        // then each sample was hashed twice, and every lineage learned every sample
        assertThat(trainers.hashings()).isEqualTo(200);
        assertThat(trainers.trainers()).extracting(Trainer::samplesSeen).containsExactly(100L, 100L, 100L);
    }

    @Test
    void lineagesOfOtherHyperParametersLearnDifferentModelsFromTheSameSamples() {
        LineageTrainers trainers = trainersOf(DEFAULT, FASTER);

        train(trainers, new SyntheticSamples(4), 0, 300);

        Map<String, Map<String, Object>> probe = Map.of("user", Map.of("id", "u-1"), "item", Map.of("id", "i-1"));
        assertThat(trainers.trainers().get(0).propose(NOW).model().predict(probe))
                .isNotEqualTo(trainers.trainers().get(1).propose(NOW).model().predict(probe));
    }

    @Test
    void aRetiredLineageStopsTrainingAndALineageAddedLaterStartsFromTheNextRecord() {
        // given two lineages that learned 100 samples
        LineageTrainers trainers = trainersOf(DEFAULT, FASTER);
        train(trainers, new SyntheticSamples(5), 0, 100);

        // when the second is retired and a third is added, then 50 more samples come
        List<String> changes = trainers.follow(List.of(DEFAULT, NO_CROSS));
        train(trainers, new SyntheticSamples(6), 100, 50);

        // then the retired one no longer trains, and the new one learned only the samples after it was added
        assertThat(changes).hasSize(2);
        assertThat(trainers.trainer(FASTER.ref().id())).isEmpty();
        assertThat(trainers.trainers())
                .extracting(trainer -> trainer.lineage().ref().name(), Trainer::samplesSeen, Trainer::recordsConsumed)
                .containsExactly(tuple("default", 150L, 150L), tuple("no-cross", 50L, 50L));
        assertThat(trainers.trainer(NO_CROSS.ref().id()).orElseThrow().offsets())
                .isEqualTo(Map.of(PARTITION, 150L));
    }

    @Test
    void theCheckpointHoldsEveryLineageAndTheOffsetsSoResumingRepeatsAndLosesNothing() {
        // given two lineages, one added after 100 samples, and a checkpoint after 200
        LineageTrainers uninterrupted = trainersOf(DEFAULT);
        LineageTrainers interrupted = trainersOf(DEFAULT);
        for (LineageTrainers trainers : List.of(uninterrupted, interrupted)) {
            train(trainers, new SyntheticSamples(7), 0, 100);
            trainers.follow(List.of(DEFAULT, NO_CROSS));
            train(trainers, new SyntheticSamples(8), 100, 100);
        }
        byte[] checkpoint = interrupted.checkpoint(NOW);

        // when one goes on and the other resumes from the checkpoint, both with the same next samples
        LineageTrainers resumed = LineageTrainers.restore("ctr", checkpoint, SETTINGS, List.of(DEFAULT, NO_CROSS));
        train(uninterrupted, new SyntheticSamples(9), 200, 100);
        train(resumed, new SyntheticSamples(9), 200, 100);

        // then the resumed trainers are exactly the uninterrupted ones
        assertThat(resumed.offsets()).isEqualTo(Map.of(PARTITION, 300L));
        assertThat(resumed.trainers()).extracting(Trainer::samplesSeen).containsExactly(300L, 200L);
        assertThat(resumed.checkpoint(NOW)).isEqualTo(uninterrupted.checkpoint(NOW));
    }

    @Test
    void aCheckpointOfOneTrainerFromBeforeLineagesResumesAsTheLineageOfItsConfiguration() {
        // given the checkpoint of a trainer alone, as retrainers wrote it before lineages
        Trainer alone = Trainer.fresh(DEFAULT, SETTINGS);
        SyntheticSamples samples = new SyntheticSamples(10);
        for (int offset = 0; offset < 50; offset++) {
            alone.accept(PARTITION, offset, samples.next());
        }

        // when it is restored with the lineages of today
        LineageTrainers restored =
                LineageTrainers.restore("ctr", alone.checkpoint(NOW), SETTINGS, List.of(DEFAULT, NO_CROSS));
        restored.follow(List.of(DEFAULT, NO_CROSS));

        // then the default lineage goes on with its learner, the other starts at its offsets
        assertThat(restored.trainers()).extracting(Trainer::samplesSeen).containsExactly(50L, 0L);
        assertThat(restored.offsets()).isEqualTo(Map.of(PARTITION, 50L));
        assertThat(restored.restoreNotices()).isEmpty();
    }

    private static LineageTrainers trainersOf(Lineage... lineages) {
        LineageTrainers trainers = LineageTrainers.fresh("ctr", SETTINGS);
        trainers.follow(List.of(lineages));
        return trainers;
    }

    private static void train(LineageTrainers trainers, SyntheticSamples samples, long from, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(trainers.accept(PARTITION, from + i, samples.next())).isEqualTo(SampleOutcome.TRAINED);
        }
    }
}
