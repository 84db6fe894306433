package io.autoloop.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.ErrorReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorAccumulatorTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant END = START.plusSeconds(60);

    @Test
    void reportOfFourSamples() {
        ErrorReport report = new ErrorAccumulator()
                .add(0.2, 0)
                .add(0.4, 1)
                .add(0.7, 0)
                .add(0.9, 1)
                .toReport("1.0.0", START, END);

        assertThat(report.samples()).isEqualTo(4);
        assertThat(report.positives()).isEqualTo(2);
        assertThat(report.observedCtr()).isEqualTo(0.5);
        assertThat(report.meanPrediction()).isCloseTo(0.55, within(1e-12));
        assertThat(report.logLoss())
                .isCloseTo(-(Math.log(0.8) + Math.log(0.4) + Math.log(0.3) + Math.log(0.9)) / 4, within(1e-12));
        assertThat(report.brier()).isCloseTo(0.225, within(1e-12));
        assertThat(report.auc()).isEqualTo(0.75);
        assertThat(report.calibration()).hasSize(10);
        CalibrationBucket fifth = report.calibration().get(4);
        assertThat(fifth.lower()).isEqualTo(0.4);
        assertThat(fifth.upper()).isEqualTo(0.5);
        assertThat(fifth.samples()).isEqualTo(1);
        assertThat(fifth.observedOverPredicted()).isCloseTo(2.5, within(1e-12));
    }

    @Test
    void aucCountsPairsInOneBinAsHalf() {
        // A positive and a negative at 0.5001 and 0.5004 share the bin [0.500, 0.501); a third pair is ranked right.
        ErrorAccumulator accumulator =
                new ErrorAccumulator().add(0.5001, 1).add(0.5004, 0).add(0.9, 1).add(0.1, 0);

        // Pairs: (0.5001+, 0.5004−) ½, (0.5001+, 0.1−) 1, (0.9+, 0.5004−) 1, (0.9+, 0.1−) 1 → 3.5 / 4.
        assertThat(accumulator.auc()).isEqualTo(0.875);
    }

    @Test
    void aucIsNaNForOneClassAndPredictionsAtTheBoundsAreKept() {
        ErrorReport report = new ErrorAccumulator().add(0.0, 0).add(1.0, 0).toReport("v", START, END);

        assertThat(report.auc()).isNaN();
        assertThat(report.calibration().get(9).samples()).isEqualTo(1);
        // 1.0 is clipped to 1 − 1e-15 (as a double), so a confident miss costs about 34.4 nats, not infinity.
        double clipped = 1.0 - 1e-15;
        assertThat(report.logLoss()).isCloseTo((-Math.log(1.0 - clipped) - Math.log(clipped)) / 2, within(1e-12));
    }

    @Test
    void mergingGivesTheSameAsAddingEverythingToOne() {
        ErrorAccumulator left = new ErrorAccumulator().add(0.25, 1).add(0.75, 0);
        ErrorAccumulator right = new ErrorAccumulator().add(0.5, 1);

        assertThat(left.merge(right))
                .isEqualTo(new ErrorAccumulator().add(0.25, 1).add(0.75, 0).add(0.5, 1));
    }

    @Test
    void theBinaryFormRoundTrips() throws IOException {
        ErrorAccumulator accumulator =
                new ErrorAccumulator().add(0.123, 1).add(0.999, 0).add(0.5, 0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        accumulator.writeTo(new DataOutputStream(bytes));

        ErrorAccumulator read =
                ErrorAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

        assertThat(read).isEqualTo(accumulator);
    }

    @Test
    void aScoreThatIsNotAProbabilityIsRefused() {
        assertThatThrownBy(() -> new ErrorAccumulator().add(1.5, 1))
                .hasMessage("An error report takes predictions in [0, 1], but got 1.5.");
    }
}
