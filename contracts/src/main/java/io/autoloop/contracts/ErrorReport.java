package io.autoloop.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The errors of one model version over a tumbling window, published on {@code analysis.reports}
 * keyed by model version. Log loss is in nats; AUC is NaN when the window holds one class only.
 */
public record ErrorReport(
        int schemaVersion,
        String modelVersion,
        Instant windowStart,
        Instant windowEnd,
        long samples,
        long positives,
        double observedCtr,
        double meanPrediction,
        double logLoss,
        double brier,
        double auc,
        List<CalibrationBucket> calibration) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "ErrorReport";

    public ErrorReport {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(modelVersion, NAME, "modelVersion");
        Require.present(windowStart, NAME, "windowStart");
        Require.present(windowEnd, NAME, "windowEnd");
        Require.nonNegative(samples, NAME, "samples");
        Require.nonNegative(positives, NAME, "positives");
        calibration = List.copyOf(Require.orDefault(calibration, List.of()));
    }
}
