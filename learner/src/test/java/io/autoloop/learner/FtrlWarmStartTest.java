package io.autoloop.learner;

import static io.autoloop.learner.FtrlLearnerTest.syntheticStream;
import static io.autoloop.learner.FtrlLearnerTest.train;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.learner.FtrlLearnerTest.Sample;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A learner that starts from another's state, and one that takes over a spent learner's state. */
class FtrlWarmStartTest {

    private static final FeatureSpec SPEC = FeatureSpec.withoutCrosses(16);
    private static final FtrlParameters OTHER = new FtrlParameters(0.05, 1.0, 0.5, 2.0);
    private static final FtrlParameters OTHER_PENALTIES = new FtrlParameters(0.1, 1.0, 0.5, 2.0);

    @Test
    void aWarmStartCopiesTheStateThenTheTwoLearnersGoTheirOwnWays() {
        // given a learner trained on a stream
        List<Sample> stream = syntheticStream(3_000, 11);
        FtrlLearner source = train(FtrlParameters.defaults(), stream.subList(0, 2_000));

        // when a learner starts from it with the same parameters, and one with other penalties λ1 and λ2
        FtrlLearner copy = new FtrlLearner(SPEC, FtrlParameters.defaults(), source);
        FtrlLearner penalised = new FtrlLearner(SPEC, OTHER_PENALTIES, source);

        // then the copy has the source's state bit for bit, sample count included, and the other its z and n: the
        // penalties act on them at once, as if they had held all along
        assertThat(copy.sameStateAs(source)).isTrue();
        assertThat(penalised.samplesSeen()).isEqualTo(2_000);
        assertThat(checkpoint(penalised)).isEqualTo(checkpoint(reparameterised(source, OTHER_PENALTIES)));

        // when the copy learns the rest of the stream, the source is untouched, and both then agree again
        byte[] sourceBefore = checkpoint(source);
        stream.subList(2_000, 3_000).forEach(sample -> copy.learn(sample.x(), sample.label()));
        assertThat(checkpoint(source)).isEqualTo(sourceBefore);
        stream.subList(2_000, 3_000).forEach(sample -> source.learn(sample.x(), sample.label()));
        assertThat(copy.sameStateAs(source)).isTrue();
    }

    @Test
    void aWarmStartWithAnotherLearningRateKeepsEveryWeightAndLearnsWithTheNewRateFromThere() {
        // given a learner trained with α = 0.1 and λ1 = 0.5
        FtrlParameters trained = new FtrlParameters(0.1, 1.0, 0.5, 0.0);
        FtrlLearner source = new FtrlLearner(SPEC, trained);
        syntheticStream(2_000, 16).forEach(sample -> source.learn(sample.x(), sample.label()));

        // when a learner starts from it with α = 0.03 and β = 2
        FtrlLearner slower = new FtrlLearner(SPEC, new FtrlParameters(0.03, 2.0, 0.5, 0.0), source);

        // then every weight is the source's (zero ones stay zero), though z had to change for that
        for (int index = 0; index < SPEC.dimension(); index++) {
            assertThat(slower.weight(index)).isCloseTo(source.weight(index), within(1e-12));
        }
        assertThat(checkpoint(slower)).isNotEqualTo(checkpoint(reparameterised(source, slower.parameters())));
    }

    @Test
    void aRecycledLearnerIsFreshOrAWarmStartAndTheSpentOneRefusesEveryCall() {
        // given a learner that learned one stream and a source that learned another
        FtrlLearner spent = train(OTHER, syntheticStream(2_000, 12));
        FtrlLearner source = train(FtrlParameters.defaults(), syntheticStream(2_000, 13));

        // when the first hands its state over to a learner that starts from the source
        FtrlLearner recycled = spent.recycle(SPEC, FtrlParameters.defaults(), source);

        // then the new learner is exactly a warm start from the source: nothing of the spent stream is left
        assertThat(recycled.sameStateAs(new FtrlLearner(SPEC, FtrlParameters.defaults(), source)))
                .isTrue();
        // and the spent learner refuses to go on, with a sentence saying which learner to use
        FeatureVector x = FtrlLearnerTest.vector(SPEC.biasIndex(), 1.0);
        assertThatIllegalStateException()
                .isThrownBy(() -> spent.learn(x, 1.0))
                .withMessage("This learner handed its state to another through recycle(...); use that learner"
                        + " instead.");
        assertThatIllegalStateException().isThrownBy(() -> spent.predict(x));

        // when the recycled learner is recycled in turn without a source, its successor is a fresh learner
        FtrlLearner fresh = recycled.recycle(SPEC, OTHER, null);
        assertThat(fresh.sameStateAs(new FtrlLearner(SPEC, OTHER))).isTrue();
    }

    @Test
    void aRefusedSampleLeavesNothingBehindThatARecycleWouldMiss() {
        // given a learner that refused a sample whose first entries were new coordinates
        FtrlLearner learner = train(FtrlParameters.defaults(), syntheticStream(500, 14));
        FeatureVector poison = FtrlLearnerTest.vector(40_000, 1.0, 40_001, 1.0, 40_002, 1e200);
        try {
            learner.learn(poison, 1.0);
        } catch (NonFiniteUpdateException expected) {
            // refused, as FtrlLearnerTest shows
        }

        // when it learns more and is recycled without a source
        learnAll(learner, syntheticStream(500, 15));
        FtrlLearner recycled = learner.recycle(SPEC, FtrlParameters.defaults(), null);

        // then every coordinate with state was cleared
        assertThat(recycled.sameStateAs(new FtrlLearner(SPEC, FtrlParameters.defaults())))
                .isTrue();
    }

    @Test
    void aWarmStartNeedsTheSameBitsAndSeed() {
        FtrlLearner source = new FtrlLearner(SPEC, FtrlParameters.defaults());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FtrlLearner(FeatureSpec.withoutCrosses(17), OTHER, source))
                .withMessage("A learner can only start from the state of one that hashes the same way: this one has 17"
                        + " bits and seed 0, the source 16 bits and seed 0.");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> source.recycle(FeatureSpec.withoutCrosses(18), OTHER, null))
                .withMessage("A learner of 16 bits cannot be recycled into one of 18 bits; its state holds 65537"
                        + " coordinates.");
    }

    /** A learner with {@code source}'s z and n under other parameters, by way of a checkpoint. */
    private static FtrlLearner reparameterised(FtrlLearner source, FtrlParameters parameters) {
        double[] z = new double[SPEC.dimension()];
        double[] n = new double[SPEC.dimension()];
        try {
            source.forEachState((index, zi, ni) -> {
                z[index] = zi;
                n[index] = ni;
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new FtrlLearner(SPEC, parameters, z, n, source.samplesSeen());
    }

    private static void learnAll(FtrlLearner learner, List<Sample> stream) {
        stream.forEach(sample -> learner.learn(sample.x(), sample.label()));
    }

    private static byte[] checkpoint(FtrlLearner learner) {
        return CheckpointCodec.write(
                new TrainerCheckpoint("ctr", null, Instant.EPOCH, Map.of(), learner, new ProgressiveValidation()));
    }
}
