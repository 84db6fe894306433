package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.learner.FeatureEncoder;
import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FeatureVector;
import io.autoloop.learner.FtrlLearner;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.retrainer.SyntheticSamples;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationGateTest {

    private static final FeatureSpec SPEC = FeatureSpec.withoutCrosses(16);
    private static final GatePolicy POLICY = new GatePolicy(0.002, 1e-6, 100);

    @ParameterizedTest(name = "learner loss {0} vs champion {1}, margin {2} -> {3}")
    @CsvSource({
        "0.4000, 0.4000, 0.002, within-margin",
        "0.4015, 0.4000, 0.002, within-margin",
        "0.4030, 0.4000, 0.002, worse-than-champion",
        "0.4000, 0.4000, -0.001, worse-than-champion",
        "0.3980, 0.4000, -0.001, within-margin"
    })
    void comparesHoldoutLossesWithTheMargin(double learnerLoss, double championLoss, double margin, String reason) {
        Trained trained = trained(FtrlParameters.defaults());
        HoldoutWindow window = windowWithLosses(trained, learnerLoss, championLoss);

        GateVerdict verdict = new ValidationGate(new GatePolicy(margin, 1e-6, 100))
                .judge(trained.model, window, Arm.CHAMPION, "0.1.0");

        assertThat(verdict.reason().wireName()).isEqualTo(reason);
        assertThat(verdict.losses().learnerLogLoss()).isCloseTo(learnerLoss, within(1e-9));
    }

    @Test
    void aRefreshOfTheChallengerArmIsJudgedAgainstTheChallengerAndSaysSo() {
        Trained trained = trained(FtrlParameters.defaults());
        HoldoutWindow window = windowWithLosses(trained, 0.4030, 0.4000);

        GateVerdict verdict = new ValidationGate(POLICY).judge(trained.model, window, Arm.CHALLENGER, "4.3.0");

        assertThat(verdict.reason()).isEqualTo(GateReason.WORSE_THAN_CHALLENGER);
        assertThat(verdict.reason().wireName()).isEqualTo("worse-than-challenger");
        assertThat(verdict.detail()).contains("against 0.400000 for the challenger arm as served (now 4.3.0");
    }

    @Test
    void aModelThatPredictsOneValueForEverythingIsConstant() {
        // λ1 far above every |z| keeps every weight at exactly 0: the model predicts 0.5 for every sample.
        Trained trained = trained(new FtrlParameters(0.1, 1.0, 1e9, 0.0));
        HoldoutWindow window = windowWithLosses(trained, 0.4, 0.4);

        GateVerdict verdict = new ValidationGate(POLICY).judge(trained.model, window, Arm.CHAMPION, "0.1.0");

        assertThat(verdict.reason()).isEqualTo(GateReason.CONSTANT_PREDICTIONS);
        assertThat(verdict.predictionSpread()).isZero();
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void aNaNWeightIsRejectedBeforeAnythingElse() {
        Trained trained = trained(FtrlParameters.defaults());
        ModelSnapshot poisoned = ModelCodec.read(withLastWeight(ModelCodec.write(trained.model), Double.NaN));
        HoldoutWindow window = windowWithLosses(trained, 0.4, 0.4);

        GateVerdict verdict = new ValidationGate(POLICY).judge(poisoned, window, Arm.CHAMPION, "0.1.0");

        assertThat(verdict.reason()).isEqualTo(GateReason.NON_FINITE);
        assertThat(verdict.detail()).contains("NaN");
    }

    @Test
    void tooFewHoldoutSamplesCannotBeJudged() {
        Trained trained = trained(FtrlParameters.defaults());
        HoldoutWindow window = new HoldoutWindow(1000);
        window.add(trained.vector, 0, 1.0, 0.1, 0.1);

        GateVerdict verdict = new ValidationGate(POLICY).judge(trained.model, window, Arm.CHAMPION, "0.1.0");

        assertThat(verdict.reason()).isEqualTo(GateReason.HOLDOUT_TOO_SMALL);
    }

    @Test
    void withoutAChampionASoundCandidatePasses() {
        Trained trained = trained(FtrlParameters.defaults());
        HoldoutWindow window = windowWithLosses(trained, 0.4, Double.NaN);

        GateVerdict verdict = new ValidationGate(POLICY).judge(trained.model, window, null, null);

        assertThat(verdict.reason()).isEqualTo(GateReason.NO_CHAMPION);
        assertThat(verdict.passed()).isTrue();
    }

    private record Trained(ModelSnapshot model, FeatureVector vector, FeatureEncoder encoder) {}

    private static Trained trained(FtrlParameters parameters) {
        FeatureEncoder encoder = new FeatureEncoder(SPEC);
        FtrlLearner learner = new FtrlLearner(SPEC, parameters);
        SyntheticSamples samples = new SyntheticSamples(7);
        FeatureVector vector = new FeatureVector();
        for (int i = 0; i < 2000; i++) {
            var sample = samples.next();
            encode(encoder, sample, vector);
            learner.learn(vector, sample.label());
        }
        return new Trained(learner.snapshot("ctr", "0.2.0", "0.1.0", Map.of(), Instant.EPOCH), vector, encoder);
    }

    /**
     * A window of 200 samples, 1 in 10 positive, whose learner and champion predictions give exactly the requested
     * average log losses: constant predictions p with loss −(0.1 ln p + 0.9 ln(1 − p)), p < 0.1, solved by bisection.
     */
    private static HoldoutWindow windowWithLosses(Trained trained, double learnerLoss, double championLoss) {
        HoldoutWindow window = new HoldoutWindow(200);
        window.restart(Double.isNaN(championLoss) ? null : "0.1.0");
        double learnerP = predictionFor(learnerLoss);
        double championP = Double.isNaN(championLoss) ? Double.NaN : predictionFor(championLoss);
        SyntheticSamples samples = new SyntheticSamples(11);
        FeatureVector vector = new FeatureVector();
        for (int i = 0; i < 200; i++) {
            encode(trained.encoder, samples.next(), vector);
            window.add(vector, i % 10 == 0 ? 1 : 0, 1.0, learnerP, championP);
        }
        return window;
    }

    private static void encode(FeatureEncoder encoder, LabelledSample sample, FeatureVector out) {
        encoder.encode(sample.userId(), sample.itemId(), sample.position(), sample.features(), out);
    }

    /** The constant prediction p ≤ 0.1 whose log loss at a 10% positive rate is {@code loss}. */
    private static double predictionFor(double loss) {
        double minimum = -(0.1 * Math.log(0.1) + 0.9 * Math.log(0.9));
        if (loss < minimum) {
            throw new IllegalArgumentException("No constant prediction has a log loss below " + minimum + ".");
        }
        double low = 1e-9;
        double high = 0.1;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            double value = -(0.1 * Math.log(mid) + 0.9 * Math.log(1 - mid));
            if (value > loss) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** {@code model} with its last stored weight replaced and the CRC32 recomputed (layout: ModelCodec). */
    private static byte[] withLastWeight(byte[] model, double weight) {
        byte[] copy = model.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy);
        buffer.putDouble(copy.length - 12, weight);
        CRC32 crc = new CRC32();
        crc.update(copy, 0, copy.length - 4);
        buffer.putInt(copy.length - 4, (int) crc.getValue());
        return copy;
    }
}
