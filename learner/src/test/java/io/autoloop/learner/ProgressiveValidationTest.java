package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressiveValidationTest {

    @Test
    void logLossIsTheWeightedAverageOfEachPrediction() {
        ProgressiveValidation validation = new ProgressiveValidation();

        validation.record(0.8, 1.0, 1.0);
        validation.record(0.4, 0.0, 3.0);

        double expected = (-Math.log(0.8) + 3 * -Math.log(0.6)) / 4;
        assertThat(validation.averageLogLoss()).isCloseTo(expected, within(1e-15));
        assertThat(validation.samples()).isEqualTo(2);
    }

    @Test
    void certainWrongPredictionsCostABoundedLoss() {
        ProgressiveValidation validation = new ProgressiveValidation();

        validation.record(0.0, 1.0, 1.0);

        assertThat(validation.averageLogLoss()).isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aucEqualsTheBruteForcePairCountWithTiesAsHalves(long seed) {
        // given 60 weighted predictions on a coarse grid, so many scores tie
        Random random = new Random(seed);
        int count = 60;
        double[] scores = new double[count];
        double[] labels = new double[count];
        double[] weights = new double[count];
        ProgressiveValidation validation = new ProgressiveValidation(count);
        for (int i = 0; i < count; i++) {
            scores[i] = random.nextInt(8) / 8.0;
            labels[i] = random.nextDouble() < 0.3 + 0.5 * scores[i] ? 1.0 : 0.0;
            weights[i] = seed % 2 == 0 ? 1.0 : 0.5 + random.nextInt(4);
            validation.record(scores[i], labels[i], weights[i]);
        }

        // then its AUC is the weighted share of positive/negative pairs in order, ties counting one half
        assertThat(validation.auc()).isCloseTo(bruteForceAuc(scores, labels, weights, 0, count), within(1e-12));
    }

    @Test
    void aucCoversOnlyTheLastWindowOfPredictions() {
        ProgressiveValidation validation = new ProgressiveValidation(4);
        double[] scores = {0.9, 0.1, 0.2, 0.7, 0.4, 0.3};
        double[] labels = {0, 1, 1, 0, 1, 0};
        double[] weights = {1, 1, 1, 1, 1, 1};

        for (int i = 0; i < scores.length; i++) {
            validation.record(scores[i], labels[i], weights[i]);
        }

        assertThat(validation.auc()).isEqualTo(bruteForceAuc(scores, labels, weights, 2, 6));
        assertThat(validation.metrics().aucSamples()).isEqualTo(4);
    }

    @Test
    void aucIsUndefinedWhileTheWindowHoldsOneClass() {
        ProgressiveValidation validation = new ProgressiveValidation(10);

        validation.record(0.2, 0.0, 1.0);
        validation.record(0.3, 0.0, 1.0);

        assertThat(validation.auc()).isNaN();
    }

    @Test
    void calibrationSumsPredictedAndObservedPerTenthOfProbability() {
        ProgressiveValidation validation = new ProgressiveValidation();

        validation.record(0.05, 0.0, 1.0);
        validation.record(0.15, 1.0, 2.0);
        validation.record(0.10, 0.0, 1.0);
        validation.record(0.95, 1.0, 1.0);
        validation.record(1.00, 1.0, 1.0);

        Calibration calibration = validation.calibration();
        assertThat(calibration.buckets()).hasSize(10);
        assertThat(calibration.buckets().get(0)).isEqualTo(new Calibration.Bucket(0.0, 0.1, 1.0, 0.05, 0.0));
        assertThat(calibration.buckets().get(1)).isEqualTo(new Calibration.Bucket(0.1, 0.2, 3.0, 0.4, 2.0));
        assertThat(calibration.buckets().get(9)).isEqualTo(new Calibration.Bucket(0.9, 1.0, 2.0, 1.95, 2.0));
        assertThat(calibration.buckets().get(1).observedOverPredicted()).isCloseTo(5.0, within(1e-12));
        assertThat(calibration.predicted()).isCloseTo(0.05 + 0.3 + 0.1 + 0.95 + 1.0, within(1e-12));
        assertThat(calibration.observed()).isEqualTo(4.0);
        assertThat(calibration.buckets().get(5).observedOverPredicted()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.1, Double.NaN})
    void predictionsOutsideTheUnitIntervalAreRejected(double predicted) {
        ProgressiveValidation validation = new ProgressiveValidation();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> validation.record(predicted, 1.0, 1.0))
                .withMessageContaining("[0, 1]");
    }

    private static double bruteForceAuc(double[] scores, double[] labels, double[] weights, int from, int to) {
        double area = 0;
        double pairs = 0;
        for (int i = from; i < to; i++) {
            for (int j = from; j < to; j++) {
                if (labels[i] == 1.0 && labels[j] == 0.0) {
                    double pair = weights[i] * weights[j];
                    pairs += pair;
                    area += scores[i] > scores[j] ? pair : scores[i] == scores[j] ? pair / 2 : 0;
                }
            }
        }
        return area / pairs;
    }
}
