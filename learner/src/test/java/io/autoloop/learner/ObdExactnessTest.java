package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the learner to Vowpal Wabbit 9.11.2 on the Open Bandit sample stream: one pass, progressive validation,
 * {@code --loss_function logistic --link logistic -b 22 --ftrl}, λ1 = λ2 = 0 (numbers from data/obd/README.md).
 * The hash functions differ (MurmurHash3 here, VW's own there), so collisions may move the loss by about 1e-5; the
 * AUC over all 40,000 predictions is pinned too, within 1e-3.
 */
class ObdExactnessTest {

    @ParameterizedTest(name = "alpha={0}, beta={1}: VW log loss {2}")
    @CsvSource({"0.5, 1, 0.033883, 0.5205", "0.1, 1, 0.033399, 0.5184"})
    void progressiveLogLossMatchesVowpalWabbit(double alpha, double beta, double vwLogLoss, double vwAuc)
            throws IOException {
        FeatureSpec spec = FeatureSpec.withoutCrosses(22);
        FtrlLearner learner = new FtrlLearner(spec, new FtrlParameters(alpha, beta, 0.0, 0.0));
        ProgressiveValidation validation = new ProgressiveValidation(40_000);
        FeatureVector x = new FeatureVector();

        try (VwReader reader = VwReader.open(ObdData.stream(), new FeatureHasher(spec))) {
            while (reader.next(x)) {
                double label = reader.label();
                validation.record(learner.learn(x, label, reader.weight()), label, reader.weight());
            }
        }

        assertThat(validation.samples()).isEqualTo(40_000);
        assertThat(validation.averageLogLoss()).isCloseTo(vwLogLoss, within(1e-4));
        assertThat(validation.auc()).isCloseTo(vwAuc, within(1e-3));
        System.out.printf(
                "OBD alpha=%s beta=%s: log loss %.7f (VW %.6f), progressive AUC %.5f (VW %.4f)%n",
                alpha, beta, validation.averageLogLoss(), vwLogLoss, validation.auc(), vwAuc);
    }
}
