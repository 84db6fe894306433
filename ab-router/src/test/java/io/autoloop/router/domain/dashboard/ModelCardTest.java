package io.autoloop.router.domain.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.testing.TestModels;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final ModelVersion VERSION = new ModelVersion(
            ModelVersion.SCHEMA_VERSION,
            "ctr",
            "1.1.0",
            "1.0.0",
            T0,
            48_250,
            new ModelMetrics(48_250, 0.2134, Double.NaN, 1.042, 0.2201),
            "ab12",
            RedisKeys.model("ctr", "1.1.0"),
            TestModels.LINEAGE);

    @Test
    void aCardCarriesProvenanceMetricsAndTheArmItServes() {
        ModelCard card = ModelCard.of(VERSION, Arm.CHALLENGER, null, null);

        assertThat(card.parent()).isEqualTo("1.0.0");
        assertThat(card.samplesSeen()).isEqualTo(48_250);
        assertThat(card.serves()).isEqualTo(Arm.CHALLENGER);
        assertThat(card.metrics()).isEqualTo(new ModelCard.Metrics(48_250, 0.2134, null, 1.042, 0.2201));
        assertThat(card.report()).isNull();
    }

    @Test
    void theReportGivesTheCalibrationCurveAndTheGuardrailsRatio() {
        // Given a report whose one non-empty bucket predicted 21 clicks for 1,500 samples and saw 22
        ErrorReport report = new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                "1.1.0",
                T0,
                T0.plusSeconds(300),
                1_500,
                22,
                22 / 1_500.0,
                21 / 1_500.0,
                0.2,
                0.05,
                Double.NaN,
                List.of(
                        new CalibrationBucket(0.0, 0.02, 1_500, 22, 21.0),
                        new CalibrationBucket(0.02, 0.05, 0, 0, 0.0)));

        // When the card is made
        ModelCard.Report shown = ModelCard.of(VERSION, null, null, report).report();

        // Then the buckets are mean predicted against observed rate, empty ones without either
        assertThat(shown.observedOverPredicted()).isCloseTo(22 / 21.0, within(1e-12));
        assertThat(shown.auc()).isNull();
        assertThat(shown.calibration())
                .containsExactly(
                        new ModelCard.Bucket(0.0, 0.02, 1_500, 22, 21.0 / 1_500, 22 / 1_500.0),
                        new ModelCard.Bucket(0.02, 0.05, 0, 0, null, null));
    }
}
