package io.autoloop.router.domain.dashboard;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import java.time.Instant;
import java.util.List;

/**
 * One model version as the dashboard's models page shows it: its provenance and progressive-validation metrics from the
 * registry's {@link ModelVersion}, the arm it serves, and its newest {@link ErrorReport} from
 * {@code analysis.reports} with the calibration curve. Metrics that are undefined (NaN, e.g. AUC of one class) are
 * null.
 *
 * @param serves the arm whose alias names this version, null when none does
 * @param rejection why this replica refused to load the version, null when it did not
 * @param report the newest error report this replica has seen, null before the first
 */
public record ModelCard(
        String name,
        String version,
        String parent,
        Instant createdAt,
        long samplesSeen,
        Metrics metrics,
        String checksum,
        Arm serves,
        String rejection,
        Report report) {

    /**
     * Progressive-validation metrics from the retrainer: log loss in nats, AUC, calibration as predicted over observed
     * positives, and the log loss of the latest holdout window.
     */
    public record Metrics(long samples, Double logLoss, Double auc, Double calibration, Double holdoutLogLoss) {}

    /**
     * The analyzer's errors of this version over one window. {@code observedOverPredicted} is the calibration the
     * controller's guardrail holds (observed CTR over mean prediction), null without predictions.
     */
    public record Report(
            Instant windowStart,
            Instant windowEnd,
            long samples,
            long positives,
            Double observedCtr,
            Double meanPrediction,
            Double observedOverPredicted,
            Double logLoss,
            Double auc,
            List<Bucket> calibration) {}

    /**
     * One bucket of the calibration curve: the mean predicted probability of its samples against the share of them
     * that were positive; both null for an empty bucket.
     */
    public record Bucket(
            double lower, double upper, long samples, long positives, Double meanPredicted, Double observedRate) {}

    /** The card of {@code version}, serving {@code serves} (or nothing), with its newest {@code report} (or none). */
    public static ModelCard of(ModelVersion version, Arm serves, String rejection, ErrorReport report) {
        ModelMetrics metrics = version.metrics();
        return new ModelCard(
                version.name(),
                version.version(),
                version.parent(),
                version.createdAt(),
                version.samplesSeen(),
                metrics == null
                        ? null
                        : new Metrics(
                                metrics.samples(),
                                finite(metrics.logLoss()),
                                finite(metrics.auc()),
                                finite(metrics.calibration()),
                                finite(metrics.holdoutLogLoss())),
                version.checksum(),
                serves,
                rejection,
                report == null ? null : reportOf(report));
    }

    private static Report reportOf(ErrorReport report) {
        return new Report(
                report.windowStart(),
                report.windowEnd(),
                report.samples(),
                report.positives(),
                finite(report.observedCtr()),
                finite(report.meanPrediction()),
                report.meanPrediction() > 0.0 ? finite(report.observedCtr() / report.meanPrediction()) : null,
                finite(report.logLoss()),
                finite(report.auc()),
                report.calibration().stream().map(ModelCard::bucketOf).toList());
    }

    private static Bucket bucketOf(CalibrationBucket bucket) {
        boolean empty = bucket.samples() == 0;
        return new Bucket(
                bucket.lower(),
                bucket.upper(),
                bucket.samples(),
                bucket.positives(),
                empty ? null : finite(bucket.predictedSum() / bucket.samples()),
                empty ? null : (double) bucket.positives() / bucket.samples());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
