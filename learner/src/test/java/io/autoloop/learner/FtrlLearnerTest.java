package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FtrlLearnerTest {

    private static final FeatureSpec SPEC = FeatureSpec.withoutCrosses(16);
    private static final int BIAS = SPEC.biasIndex();
    private static final int FEATURE = 12_345;

    @Test
    void twoStepsMatchTheHandComputedAlgorithm() {
        // given α = 0.5, β = 1, no regularisation, and a sample with the bias and one feature of value 2
        FtrlLearner learner = new FtrlLearner(SPEC, new FtrlParameters(0.5, 1.0, 0.0, 0.0));
        FeatureVector x = vector(BIAS, 1.0, FEATURE, 2.0);

        // when it is learned as a click: all weights are 0, so p = 0.5 and g = (0.5 - 1) x;
        // σ = |g| / α, z = g, n = g², so w = -z / ((β + |g|) / α)
        double first = learner.learn(x, 1.0);

        // then the bias weight is 0.5 / 3 and the feature's 1 / 4
        assertThat(first).isEqualTo(0.5);
        assertThat(learner.weight(BIAS)).isCloseTo(1.0 / 6.0, within(1e-15));
        assertThat(learner.weight(FEATURE)).isCloseTo(0.25, within(1e-15));

        // when it is learned again as a non-click: margin = 1/6 + 2 · 1/4 = 2/3, p = σ(2/3)
        double second = learner.learn(x, 0.0);

        // then z and n follow Algorithm 1: bias z = -0.5 + p - σ/6, n = 0.25 + p²; feature likewise with g = 2p
        assertThat(second).isCloseTo(0.6607563687658172, within(1e-15));
        assertThat(learner.weight(BIAS)).isCloseTo(-0.01400482675934798, within(1e-15));
        assertThat(learner.weight(FEATURE)).isCloseTo(0.0013359698091426474, within(1e-15));
        assertThat(learner.predict(x)).isCloseTo(0.4971668085379235, within(1e-15));
        assertThat(learner.samplesSeen()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 1", "2, 1", "3, 0", "0.25, 0"})
    void sampleWeightMultipliesTheGradient(double weight, double label) {
        FtrlParameters parameters = FtrlParameters.defaults();
        FtrlLearner learner = new FtrlLearner(SPEC, parameters);

        learner.learn(vector(BIAS, 1.0), label, weight);

        // from zero state: g = (0.5 - y) · weight, z = g, n = g², so w = -g α / (β + |g|)
        double g = (0.5 - label) * weight;
        assertThat(learner.weight(BIAS))
                .isCloseTo(-g * parameters.alpha() / (parameters.beta() + Math.abs(g)), within(1e-15));
    }

    @Test
    void zeroWeightSamplesAreCountedButNotLearned() {
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());

        learner.learn(vector(BIAS, 1.0, FEATURE, 1.0), 1.0, 0.0);

        assertThat(learner.samplesSeen()).isEqualTo(1);
        assertThat(learner.nonZeroWeights()).isZero();
    }

    @Test
    void predictChangesNothing() {
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());
        FeatureVector x = vector(BIAS, 1.0, FEATURE, 1.0);
        learner.learn(x, 1.0);
        double before = learner.weight(FEATURE);

        learner.predict(x);

        assertThat(learner.weight(FEATURE)).isEqualTo(before);
        assertThat(learner.samplesSeen()).isEqualTo(1);
    }

    @Test
    void l1KeepsWeaklySupportedCoordinatesAtExactlyZero() {
        // given a stream where only feature "signal" predicts the label and 2,000 rare features are noise
        List<Sample> stream = syntheticStream(20_000, 11);

        // when it is learned without and with an L1 penalty
        FtrlLearner dense = train(new FtrlParameters(0.1, 1.0, 0.0, 0.0), stream);
        FtrlLearner sparse = train(new FtrlParameters(0.1, 1.0, 5.0, 0.0), stream);

        // then L1 zeroes most noise coordinates but keeps the signal
        int signal = FeatureHasherTest.hash(SPEC, Map.of("user", Map.of("signal", 1.0)))
                .index(1);
        assertThat(dense.nonZeroWeights()).isGreaterThan(1_500);
        assertThat(sparse.nonZeroWeights()).isLessThan(dense.nonZeroWeights() / 4);
        assertThat(sparse.weight(signal)).isGreaterThan(0.5);
        assertThat(sparse.snapshot("ctr", "1.0.0", null, Map.of(), Instant.EPOCH)
                        .nonZeroWeights())
                .isEqualTo(sparse.nonZeroWeights());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e200, -1e200, Double.MAX_VALUE})
    void aValueThatWouldMakeTheStateNonFiniteIsRefusedAndLeavesTheLearnerByteForByteAsItWas(double value) {
        // given a learner that has learned a stream, and its checkpoint bytes
        FtrlLearner learner = train(FtrlParameters.defaults(), syntheticStream(2_000, 3));
        byte[] before = checkpointBytes(learner);

        // when a sample with the value 1e200 (g² = ∞ for any prediction error) is offered
        FeatureVector poison = vector(BIAS, 1.0, FEATURE, 1.0, FEATURE + 1, value);

        // then it is refused naming the coordinate and the value, and not one bit of the state changed
        assertThatThrownBy(() -> learner.learn(poison, 1.0))
                .isInstanceOf(NonFiniteUpdateException.class)
                .hasMessageContaining("coordinate " + (FEATURE + 1))
                .hasMessageContaining("its value " + value)
                .hasMessageContaining("the update was refused and the learner is unchanged")
                .satisfies(refusal -> {
                    assertThat(((NonFiniteUpdateException) refusal).coordinate())
                            .isEqualTo(FEATURE + 1);
                    assertThat(((NonFiniteUpdateException) refusal).value()).isEqualTo(value);
                });
        assertThat(checkpointBytes(learner)).isEqualTo(before);
        assertThat(learner.samplesSeen()).isEqualTo(2_000);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 1, 0, 0", "0.1, 0, 0, 0", "0.5, 1e-9, 0, 0", "0.1, 1, 0, 1e9", "0.1, 0, 1, 0"})
    void everyChoiceOfHyperParametersLearnsNormalSamplesAndRefusesAPoisonousOne(
            double alpha, double beta, double l1, double l2) {
        // given a learner with these hyper-parameters (β = λ2 = 0: the weight's denominator can be as small as √n / α)
        FtrlLearner learner = train(new FtrlParameters(alpha, beta, l1, l2), syntheticStream(1_000, 6));
        byte[] before = checkpointBytes(learner);

        // when a poisonous sample is offered, then it is refused and not one bit changed
        assertThatThrownBy(() -> learner.learn(vector(BIAS, 1.0, FEATURE + 1, 1e200), 1.0))
                .isInstanceOf(NonFiniteUpdateException.class);
        assertThat(checkpointBytes(learner)).isEqualTo(before);
        // and every sample before it was learned, with finite weights
        assertThat(learner.samplesSeen()).isEqualTo(1_000);
        assertThat(learner.weight(BIAS)).isFinite();
        assertThat(learner.weight(FEATURE)).isFinite();
    }

    @Test
    void aRefusedUpdateRestoresACoordinateThatCollidingEntriesUpdatedTwice() {
        // given a trained learner and a vector whose first two entries collide on one coordinate, then a poison value
        FtrlLearner learner = train(FtrlParameters.defaults(), syntheticStream(500, 4));
        byte[] before = checkpointBytes(learner);
        FeatureVector colliding = vector(FEATURE, 1.0, FEATURE, 2.0, BIAS, 1.0, FEATURE + 1, 1e200);

        // when it is offered, both colliding updates are made before the poison entry is reached
        assertThatThrownBy(() -> learner.learn(colliding, 0.0)).isInstanceOf(NonFiniteUpdateException.class);

        // then the coordinate is back at its state before the first of them
        assertThat(checkpointBytes(learner)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void aValueThatIsNotFiniteGivesAPredictionThatIsNotANumberAndIsRefused(double value) {
        // given a fresh learner: every weight is 0, and 0 · ∞ is not a number
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());
        byte[] before = checkpointBytes(learner);

        assertThatThrownBy(() -> learner.learn(vector(BIAS, 1.0, FEATURE, value), 1.0))
                .isInstanceOf(NonFiniteUpdateException.class)
                .hasMessageContaining("prediction for this sample is not a number")
                .hasMessageContaining("coordinate " + FEATURE);

        assertThat(checkpointBytes(learner)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e100, -1e100, 1e150, -1e150})
    void hugeValuesBelowTheLimitAreStillLearned(double value) {
        // given a trained learner
        FtrlLearner learner = train(FtrlParameters.defaults(), syntheticStream(500, 5));

        // when a sample with a huge but learnable value is learned (g² ≤ (1e150)² fits a double)
        double p = learner.learn(vector(BIAS, 1.0, FEATURE + 1, value), 1.0);

        // then it counts, and its coordinate has a finite, non-zero weight and predictions stay finite
        assertThat(p).isFinite();
        assertThat(learner.samplesSeen()).isEqualTo(501);
        assertThat(learner.weight(FEATURE + 1)).isFinite().isNotZero();
        assertThat(learner.predict(vector(BIAS, 1.0, FEATURE + 1, value))).isFinite();
    }

    @Test
    void aCoordinateKeepsLearningHugeValuesUntilItsSumOfSquaredGradientsWouldOverflow() {
        // given a learner offered the same sample with the value 1e153 again and again (each adds up to 1e306 to n)
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());
        FeatureVector huge = vector(BIAS, 1.0, FEATURE, 1e153);
        int learned = 0;
        NonFiniteUpdateException refusal = null;

        // when they are learned until one is refused
        while (refusal == null && learned < 10_000) {
            try {
                learner.learn(huge, learned % 2);
                learned++;
            } catch (NonFiniteUpdateException e) {
                refusal = e;
            }
        }

        // then many were learned first, the refusal names the coordinate, and its state is still finite
        assertThat(learned).isGreaterThan(10);
        assertThat(refusal).isNotNull();
        assertThat(refusal.coordinate()).isEqualTo(FEATURE);
        assertThat(learner.samplesSeen()).isEqualTo(learned);
        assertThat(learner.weight(FEATURE)).isFinite();
        assertThat(learner.predict(huge)).isFinite();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 0.5, 2, Double.NaN})
    void labelsOtherThanZeroOrOneAreRejected(double label) {
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> learner.learn(vector(BIAS, 1.0), label))
                .withMessageContaining("label must be 0 or 1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void negativeOrNonFiniteSampleWeightsAreRejected(double weight) {
        FtrlLearner learner = new FtrlLearner(SPEC, FtrlParameters.defaults());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> learner.learn(vector(BIAS, 1.0), 1.0, weight))
                .withMessageContaining("sample weight");
    }

    @ParameterizedTest
    @CsvSource({"0, 1, 0, 0", "-0.1, 1, 0, 0", "0.1, -1, 0, 0", "0.1, 1, -1, 0", "0.1, 1, 0, NaN"})
    void invalidHyperParametersAreRejected(double alpha, double beta, double l1, double l2) {
        assertThatIllegalArgumentException().isThrownBy(() -> new FtrlParameters(alpha, beta, l1, l2));
    }

    @Test
    void hashingPredictingLearningAndScoringAllocateNothingOnceWarm() {
        // given a warmed-up hasher, learner, validation and scorer on maps of strings and numbers
        FeatureHasher hasher = new FeatureHasher(FeatureSpec.defaults());
        FtrlLearner learner = new FtrlLearner(FeatureSpec.defaults(), FtrlParameters.defaults());
        ProgressiveValidation validation = new ProgressiveValidation(1_000);
        FeatureVector x = new FeatureVector();
        List<Map<String, Map<String, Object>>> samples = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Map<String, Map<String, Object>> features = new LinkedHashMap<>();
            features.put("user", new LinkedHashMap<>(Map.of("id", "u" + i % 7, "age", 20.0 + i % 30)));
            features.put("item", new LinkedHashMap<>(Map.of("id", "i" + i % 5, "price", 9.5)));
            features.put("context", new LinkedHashMap<>(Map.of("hour", "h" + i % 24)));
            samples.add(features);
        }
        Scorer scorer =
                learner.snapshot("ctr", "1.0.0", null, Map.of(), Instant.EPOCH).newScorer();
        Runnable pass = () -> {
            for (int i = 0; i < samples.size(); i++) {
                hasher.hash(samples.get(i), x);
                double label = i % 3 == 0 ? 1.0 : 0.0;
                validation.record(learner.learn(x, label, 1.0), label, 1.0);
                scorer.predict(samples.get(i));
            }
        };
        for (int i = 0; i < 200; i++) {
            pass.run();
        }

        // when more passes run
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100; i++) {
            pass.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // then 6,400 samples allocated (next to) nothing: well under one byte per sample
        assertThat(allocated).isLessThan(1_000);
    }

    private static byte[] checkpointBytes(FtrlLearner learner) {
        return CheckpointCodec.write(
                new TrainerCheckpoint("ctr", null, Instant.EPOCH, Map.of(), learner, new ProgressiveValidation()));
    }

    static FeatureVector vector(double... indexValuePairs) {
        FeatureVector x = new FeatureVector();
        for (int i = 0; i < indexValuePairs.length; i += 2) {
            x.add((int) indexValuePairs[i], indexValuePairs[i + 1]);
        }
        return x;
    }

    record Sample(FeatureVector x, double label) {}

    /** A seeded stream: bias, a "signal" feature in half the samples (raising p from 0.1 to 0.6), one of 2,000 noise. */
    static List<Sample> syntheticStream(int count, long seed) {
        Random random = new Random(seed);
        FeatureHasher hasher = new FeatureHasher(SPEC);
        List<Sample> stream = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean signal = random.nextBoolean();
            Map<String, Map<String, Object>> features = new LinkedHashMap<>();
            features.put("user", signal ? Map.of("signal", 1.0) : Map.of());
            features.put("item", Map.of("noise", "n" + random.nextInt(2_000)));
            FeatureVector x = new FeatureVector();
            hasher.hash(features, x);
            double label = random.nextDouble() < (signal ? 0.6 : 0.1) ? 1.0 : 0.0;
            stream.add(new Sample(x, label));
        }
        return stream;
    }

    static FtrlLearner train(FtrlParameters parameters, List<Sample> stream) {
        FtrlLearner learner = new FtrlLearner(SPEC, parameters);
        for (Sample sample : stream) {
            learner.learn(sample.x(), sample.label());
        }
        return learner;
    }
}
