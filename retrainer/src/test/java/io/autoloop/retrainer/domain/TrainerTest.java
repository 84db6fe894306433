package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.learner.Cross;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelFormatException;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.retrainer.SyntheticSamples;
import io.autoloop.retrainer.TestLineages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final FeatureSpec SPEC = new FeatureSpec(16, 0, List.of(new Cross("user", "item")));
    private static final TrainerSettings SETTINGS =
            new TrainerSettings(SPEC, FtrlParameters.defaults(), 300, new GatePolicy(0.002, 1e-6, 100));
    private static final String PARTITION = "training.samples-0";

    @Test
    void samplesWithoutConsentAreCountedButNeverLearned() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        SyntheticSamples samples = new SyntheticSamples(1);

        assertThat(trainer.accept(PARTITION, 0, samples.next(false))).isEqualTo(SampleOutcome.NO_CONSENT);
        assertThat(trainer.accept(PARTITION, 1, samples.next(true))).isEqualTo(SampleOutcome.TRAINED);

        assertThat(trainer.samplesSeen()).isEqualTo(1);
        assertThat(trainer.skippedNoConsent()).isEqualTo(1);
        assertThat(trainer.recordsConsumed()).isEqualTo(2);
        assertThat(trainer.offsets()).containsExactly(Map.entry(PARTITION, 2L));
    }

    @Test
    void malformedRecordsAreCountedAndPassedOver() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);

        trainer.acceptMalformed(PARTITION, 41, "Could not read a LabelledSample from JSON.");

        assertThat(trainer.malformed()).isEqualTo(1);
        assertThat(trainer.lastProblem()).contains("LabelledSample");
        assertThat(trainer.samplesSeen()).isZero();
        assertThat(trainer.offsets()).containsExactly(Map.entry(PARTITION, 42L));
    }

    @Test
    void aSampleTheLearnerRefusesIsCountedAndPassedOverWithoutTouchingTheLearnerOrItsMetrics() {
        // given two trainers that learned the same stream, with the same champion
        ModelSnapshot champion = championAfter(300);
        Trainer poisoned = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        Trainer clean = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        for (Trainer trainer : List.of(poisoned, clean)) {
            trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), champion);
            train(trainer, new SyntheticSamples(8), 0, 400);
        }
        SyntheticSamples stream = new SyntheticSamples(9);
        LabelledSample poison = SyntheticSamples.withContextFeature(stream.next(), "quality", 1e200);

        // when one of them is offered a sample with the feature value 1e200
        SampleOutcome outcome = poisoned.accept(PARTITION, 400, poison);

        // then it is refused naming the sample and the feature, counted, and its offset passed over ...
        assertThat(outcome).isEqualTo(SampleOutcome.NON_FINITE_UPDATE);
        assertThat(poisoned.lastProblem())
                .contains(poison.decisionId(), "context^quality", "1.0E200", "the learner is unchanged");
        assertThat(List.of(poisoned.nonFiniteUpdates(), poisoned.recordsConsumed(), poisoned.samplesSeen()))
                .containsExactly(1L, 401L, 400L);
        assertThat(poisoned.offsets()).containsExactly(Map.entry(PARTITION, 401L));
        // ... and neither the learner, nor progressive validation, nor the holdout window saw it
        train(poisoned, stream, 401, 200);
        SyntheticSamples same = new SyntheticSamples(9);
        same.next();
        train(clean, same, 401, 200);
        assertThat(poisoned.metrics()).isEqualTo(clean.metrics());
        assertThat(poisoned.holdout()).isEqualTo(clean.holdout());
    }

    @Test
    void quarantinedRecordsAreCountedAndPassedOver() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);

        trainer.acceptQuarantined(PARTITION, 7, "The training loop failed twice on this record.");

        assertThat(List.of(trainer.quarantined(), trainer.recordsConsumed(), trainer.samplesSeen()))
                .containsExactly(1L, 1L, 0L);
        assertThat(trainer.lastProblem()).isEqualTo("The training loop failed twice on this record.");
        assertThat(trainer.offsets()).containsExactly(Map.entry(PARTITION, 8L));
    }

    @Test
    void theCountsOfRefusedAndQuarantinedRecordsSurviveACheckpoint() {
        // given a trainer that refused one sample and passed over a quarantined record
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        SyntheticSamples stream = new SyntheticSamples(10);
        train(trainer, stream, 0, 50);
        trainer.accept(PARTITION, 50, SyntheticSamples.withContextFeature(stream.next(), "quality", -1e200));
        trainer.acceptQuarantined(PARTITION, 51, "The training loop failed twice on this record.");

        // when it is restored from its checkpoint
        Trainer restored = Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), trainer.checkpoint(NOW), SETTINGS);

        // then both counts, and the offset past both records, are as they were
        assertThat(List.of(restored.nonFiniteUpdates(), restored.quarantined(), restored.recordsConsumed()))
                .containsExactly(1L, 1L, 52L);
        assertThat(restored.offsets()).containsExactly(Map.entry(PARTITION, 52L));
        assertThat(restored.checkpoint(NOW)).isEqualTo(trainer.checkpoint(NOW));
    }

    @Test
    void theFirstVersionIsTheInitialOneAndEveryPublishBumpsTheMinor() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);

        Candidate initial = trainer.initial(NOW);
        trainer.published(initial);
        train(trainer, new SyntheticSamples(2), 0, 500);
        trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "1.1.0"), initial.model());
        train(trainer, new SyntheticSamples(3), 500, 500);
        Candidate second = trainer.propose(NOW);

        assertThat(initial.version()).hasToString("1.1.0");
        assertThat(initial.verdict().reason()).isEqualTo(GateReason.INITIAL_VERSION);
        assertThat(initial.model().nonZeroWeights()).isZero();
        assertThat(second.version()).hasToString("1.2.0");
        assertThat(second.model().provenance().parentVersion()).isEqualTo("1.1.0");
        assertThat(second.verdict().reason()).isEqualTo(GateReason.WITHIN_MARGIN);
        assertThat(second.verdict().losses().learnerLogLoss())
                .isLessThan(second.verdict().losses().championLogLoss());
    }

    @Test
    void aRejectedCandidateConsumesNoVersion() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        trainer.published(trainer.initial(NOW));

        Candidate tooEarly = trainer.propose(NOW);
        trainer.rejected();

        assertThat(tooEarly.verdict().reason()).isEqualTo(GateReason.HOLDOUT_TOO_SMALL);
        assertThat(trainer.nextVersion()).hasToString("1.2.0");
    }

    @Test
    void resumingFromACheckpointGivesExactlyTheStateOfAnUninterruptedRun() {
        ModelSnapshot champion = championAfter(800);
        Trainer uninterrupted = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        uninterrupted.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), champion);
        train(uninterrupted, new SyntheticSamples(5), 0, 1500);

        Trainer first = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        first.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), champion);
        SyntheticSamples stream = new SyntheticSamples(5);
        train(first, stream, 0, 700);
        Trainer resumed = Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), first.checkpoint(NOW), SETTINGS);
        resumed.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), champion);
        train(resumed, stream, 700, 800);

        assertThat(resumed.resumedFromSamples()).isEqualTo(700);
        assertThat(resumed.samplesSeen()).isEqualTo(1500);
        assertThat(resumed.checkpoint(NOW)).isEqualTo(uninterrupted.checkpoint(NOW));
    }

    @Test
    void aRefreshOfTheReferenceLineageKeepsTheHoldoutWindowAndAnotherLineageRestartsIt() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), championAfter(10));
        train(trainer, new SyntheticSamples(6), 0, 150);

        boolean sameVersionRestarted =
                trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), championAfter(10));
        int keptForTheSameVersion = trainer.holdout().samples();
        boolean refreshRestarted =
                trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.2.0"), championAfter(20));
        int keptForTheRefresh = trainer.holdout().samples();
        boolean otherLineageRestarted =
                trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "1.1.0"), championAfter(30));

        assertThat(sameVersionRestarted).isFalse();
        assertThat(keptForTheSameVersion).isEqualTo(150);
        assertThat(refreshRestarted).isFalse();
        assertThat(keptForTheRefresh).isEqualTo(150);
        assertThat(otherLineageRestarted).isTrue();
        assertThat(trainer.holdout().samples()).isZero();
        assertThat(trainer.referenceVersion()).isEqualTo("1.1.0");
        assertThat(trainer.canJudge()).isFalse();
    }

    @Test
    void theSameVersionOnAnotherArmKeepsTheHoldoutWindowAndTheGateNamesTheNewArm() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        ModelSnapshot served = championAfter(10);
        trainer.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), served);
        train(trainer, new SyntheticSamples(6), 0, 150);

        trainer.referenceChanged(new ServedVersions.Reference(Arm.CHALLENGER, "0.1.0"), served);

        assertThat(trainer.holdout().samples()).isEqualTo(150);
        assertThat(trainer.reference()).isEqualTo(new ServedVersions.Reference(Arm.CHALLENGER, "0.1.0"));
        assertThat(trainer.propose(NOW).verdict().detail()).contains("for the challenger arm as served (now 0.1.0");
    }

    @Test
    void afterARefreshNewSamplesAreScoredByTheNewVersionAndOlderOnesKeepTheirs() {
        // given two trainers whose windows hold the same 100 samples scored by 0.1.0
        SyntheticSamples refreshedSamples = new SyntheticSamples(8);
        SyntheticSamples unchangedSamples = new SyntheticSamples(8);
        Trainer refreshed = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        Trainer unchanged = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        refreshed.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), championAfter(10));
        unchanged.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.1.0"), championAfter(10));
        train(refreshed, refreshedSamples, 0, 100);
        train(unchanged, unchangedSamples, 0, 100);

        // when one of them is refreshed to a version trained on far more before 100 more samples
        refreshed.referenceChanged(new ServedVersions.Reference(Arm.CHAMPION, "0.2.0"), championAfter(2000));
        train(refreshed, refreshedSamples, 100, 100);
        train(unchanged, unchangedSamples, 100, 100);

        // then both windows hold 200 samples, the learner's side alike, the champion's apart only on the new ones
        assertThat(refreshed.holdout().samples()).isEqualTo(200);
        assertThat(refreshed.holdout().learnerLogLoss())
                .isCloseTo(unchanged.holdout().learnerLogLoss(), within(1e-12));
        assertThat(refreshed.holdout().championLogLoss())
                .isNotCloseTo(unchanged.holdout().championLogLoss(), within(1e-6));
    }

    @Test
    void aCheckpointOfAnotherFeatureSpecGivesAFreshLearnerThatGoesOnFromItsOffsets() {
        // given a checkpoint of a 16-bit learner
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        trainer.published(trainer.initial(NOW));
        train(trainer, new SyntheticSamples(7), 0, 200);
        TrainerSettings otherSeed = new TrainerSettings(
                new FeatureSpec(16, 9, SPEC.crosses()), FtrlParameters.defaults(), 300, SETTINGS.gate());

        // when the lineage is restored with another hash seed
        Trainer restored =
                Trainer.restore(TestLineages.defaultOf("ctr", otherSeed), trainer.checkpoint(NOW), otherSeed);

        // then its learner starts over from the same records on, and its versions go on
        assertThat(restored.samplesSeen()).isZero();
        assertThat(restored.offsets()).containsExactly(Map.entry(PARTITION, 200L));
        assertThat(restored.nextVersion()).hasToString("1.2.0");
        assertThat(restored.restoreNotices()).singleElement().asString().contains("seed=0", "seed=9");
    }

    @Test
    void aLineagesVersionsCarryItsOrdinalAsTheirMajorAndCountItsRefreshes() {
        // given the lineages of ordinal 1 and 2
        Trainer first = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        Trainer second = Trainer.fresh(
                TestLineages.of(
                        "ctr",
                        "no-cross",
                        2,
                        TrainerSettings.configOf(FeatureSpec.withoutCrosses(16), FtrlParameters.defaults())),
                SETTINGS);

        // when each publishes twice
        for (Trainer trainer : List.of(first, second)) {
            trainer.published(trainer.initial(NOW));
            trainer.published(trainer.propose(NOW));
        }

        // then
        assertThat(List.of(first.lastVersion(), first.nextVersion().toString(), second.lastVersion()))
                .containsExactly("1.2.0", "1.3.0", "2.2.0");
        assertThat(second.propose(NOW).model().provenance().parentVersion()).isEqualTo("2.2.0");
        assertThat(second.propose(NOW).lineage().name()).isEqualTo("no-cross");
    }

    @Test
    void aPublishThatWasNotAnnouncedIsAnnouncedAfterARestart() {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        trainer.published(trainer.initial(NOW));

        Trainer restarted = Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), trainer.checkpoint(NOW), SETTINGS);
        String pending = restarted.unannouncedVersion();
        restarted.announced(pending);

        assertThat(pending).isEqualTo("1.1.0");
        assertThat(restarted.unannouncedVersion()).isNull();
    }

    @Test
    void withoutACheckpointTheHistoryOfTheLineageContinuesAndAVersionBeforeLineagesStartsItAt1Point1() {
        Trainer sameSpec = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        Trainer otherSpec = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);

        sameSpec.continueAfter("1.7.0");
        otherSpec.continueAfter("0.7.0");

        assertThat(sameSpec.nextVersion()).hasToString("1.8.0");
        assertThat(otherSpec.nextVersion()).hasToString("1.1.0");
        assertThat(sameSpec.unannouncedVersion()).isNull();
    }

    @Test
    void aCorruptCheckpointIsRefusedNotSilentlyReplaced() {
        byte[] checkpoint =
                Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS).checkpoint(NOW);
        checkpoint[checkpoint.length / 2] ^= 0x5A;

        assertThatThrownBy(() -> Trainer.restore(TestLineages.defaultOf("ctr", SETTINGS), checkpoint, SETTINGS))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("CRC32");
    }

    private static ModelSnapshot championAfter(int samples) {
        Trainer trainer = Trainer.fresh(TestLineages.defaultOf("ctr", SETTINGS), SETTINGS);
        train(trainer, new SyntheticSamples(99), 0, samples);
        return trainer.propose(NOW).model();
    }

    private static void train(Trainer trainer, SyntheticSamples samples, long firstOffset, int count) {
        for (int i = 0; i < count; i++) {
            LabelledSample sample = samples.next();
            trainer.accept(PARTITION, firstOffset + i, sample);
        }
    }
}
