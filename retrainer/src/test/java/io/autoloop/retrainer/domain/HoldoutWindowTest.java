package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutWindowTest {

    private static final FeatureVector BIAS_ONLY = vector(8, 1.0);

    @Test
    void comparesWeightedLogLossesOfTheSameSamples() {
        HoldoutWindow window = new HoldoutWindow(10);
        window.restart("0.1.0");

        window.add(BIAS_ONLY, 1, 1.0, 0.8, 0.5);
        window.add(BIAS_ONLY, 0, 3.0, 0.1, 0.5);

        HoldoutWindow.PairedLosses losses = window.losses();
        double learner = (-Math.log(0.8) - 3 * Math.log(0.9)) / 4;
        double champion = (-Math.log(0.5) - 3 * Math.log(0.5)) / 4;
        assertThat(losses.samples()).isEqualTo(2);
        assertThat(losses.weight()).isEqualTo(4.0);
        assertThat(losses.learnerLogLoss()).isCloseTo(learner, within(1e-12));
        assertThat(losses.championLogLoss()).isCloseTo(champion, within(1e-12));
        assertThat(losses.difference()).isCloseTo(learner - champion, within(1e-12));
        assertThat(losses.standardError()).isPositive();
    }

    @Test
    void keepsOnlyTheLatestSamples() {
        HoldoutWindow window = new HoldoutWindow(2);

        window.add(BIAS_ONLY, 1, 1.0, 0.001, 0.5);
        window.add(BIAS_ONLY, 1, 1.0, 0.5, 0.5);
        window.add(BIAS_ONLY, 1, 1.0, 0.5, 0.5);

        assertThat(window.size()).isEqualTo(2);
        assertThat(window.losses().learnerLogLoss()).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void restartingForAnotherChampionEmptiesTheWindow() {
        HoldoutWindow window = new HoldoutWindow(4);
        window.restart("0.1.0");
        window.add(BIAS_ONLY, 0, 1.0, 0.2, 0.3);

        window.restart("0.2.0");

        assertThat(window.size()).isZero();
        assertThat(window.championVersion()).isEqualTo("0.2.0");
        assertThat(window.losses().learnerLogLoss()).isNaN();
    }

    @Test
    void aRefreshKeepsTheSamplesWithThePredictionsTheyCameWith() {
        HoldoutWindow window = new HoldoutWindow(4);
        window.restart("0.1.0");
        window.add(BIAS_ONLY, 0, 1.0, 0.2, 0.3);

        window.refresh("0.2.0");
        window.add(BIAS_ONLY, 1, 1.0, 0.6, 0.9);

        assertThat(window.size()).isEqualTo(2);
        assertThat(window.championVersion()).isEqualTo("0.2.0");
        assertThat(window.losses().championLogLoss()).isCloseTo((-Math.log(0.7) - Math.log(0.9)) / 2, within(1e-12));
        assertThat(window.losses().learnerLogLoss()).isCloseTo((-Math.log(0.8) - Math.log(0.6)) / 2, within(1e-12));
    }

    @Test
    void measuresTheSpreadOfAFrozenModelOverTheStoredVectors() {
        FeatureSpec spec = FeatureSpec.withoutCrosses(4);
        FtrlLearner learner = new FtrlLearner(spec, FtrlParameters.defaults());
        FeatureVector clicked = vector(3, 1.0, spec.biasIndex());
        FeatureVector ignored = vector(5, 1.0, spec.biasIndex());
        for (int i = 0; i < 50; i++) {
            learner.learn(clicked, 1);
            learner.learn(ignored, 0);
        }
        HoldoutWindow window = new HoldoutWindow(4);
        window.add(clicked, 1, 1.0, 0.5, 0.5);
        window.add(ignored, 0, 1.0, 0.5, 0.5);

        double spread = window.predictionSpread(learner.snapshot("ctr", "0.2.0", null, Map.of(), Instant.EPOCH));

        var model = learner.snapshot("ctr", "0.2.0", null, Map.of(), Instant.EPOCH);
        assertThat(spread).isCloseTo(Math.abs(model.predict(clicked) - model.predict(ignored)) / 2, within(1e-12));
    }

    @Test
    void survivesTheCheckpointOldestFirstAndShrinksToTheNewest() throws IOException {
        HoldoutWindow window = new HoldoutWindow(3);
        window.restart("1.2.0");
        for (int i = 0; i < 5; i++) {
            window.add(vector(i, 1.0), i % 2, 1.0 + i, 0.1 * (i + 1), 0.2);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        window.writeTo(new DataOutputStream(bytes));

        HoldoutWindow same =
                HoldoutWindow.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 3);
        HoldoutWindow smaller =
                HoldoutWindow.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 2);

        assertThat(same.championVersion()).isEqualTo("1.2.0");
        assertThat(same.losses()).isEqualTo(window.losses());
        HoldoutWindow newestTwo = new HoldoutWindow(2);
        newestTwo.restart("1.2.0");
        newestTwo.add(vector(3, 1.0), 1, 4.0, 0.4, 0.2);
        newestTwo.add(vector(4, 1.0), 0, 5.0, 0.5, 0.2);
        assertThat(smaller.losses()).isEqualTo(newestTwo.losses());
    }

    private static FeatureVector vector(int index, double value, int... more) {
        FeatureVector vector = new FeatureVector();
        vector.add(index, value);
        for (int extra : more) {
            vector.add(extra, 1.0);
        }
        return vector;
    }
}
