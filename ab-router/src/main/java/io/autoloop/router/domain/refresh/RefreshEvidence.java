package io.autoloop.router.domain.refresh;

import io.autoloop.contracts.ErrorReport;
import java.util.Collection;

/**
 * What the {@link RefreshGuard} has seen of a watched arm: the error-analyzer's newest reports of the refreshes it
 * served, pooled (labelled samples, clicks, and the sum of the predicted click probabilities), and the router's own
 * ranking requests and failures on that arm since the watch began.
 *
 * @param samples labelled impressions in the pooled reports
 * @param positives the clicked ones
 * @param predicted the sum of the model's click probabilities over those impressions
 * @param requests ranking requests this replica served on the arm since the watch began
 * @param errors those that failed
 * @param rejection why a watched version failed verification on this replica, null when none did
 */
public record RefreshEvidence(
        long samples, long positives, double predicted, long requests, long errors, String rejection) {

    public RefreshEvidence {
        if (samples < 0 || positives < 0 || requests < 0 || errors < 0 || !(predicted >= 0.0)) {
            throw new IllegalArgumentException("Refresh evidence counts are never negative, but they are " + samples
                    + " samples, " + positives + " positives, " + predicted + " predicted, " + requests
                    + " requests and " + errors + " errors.");
        }
    }

    /** The reports of the watched versions pooled, with the router's counts on the arm. */
    public static RefreshEvidence of(Collection<ErrorReport> reports, long requests, long errors, String rejection) {
        long samples = 0;
        long positives = 0;
        double predicted = 0.0;
        for (ErrorReport report : reports) {
            samples += report.samples();
            positives += report.positives();
            predicted += report.meanPrediction() * report.samples();
        }
        return new RefreshEvidence(samples, positives, predicted, requests, errors, rejection);
    }

    /** The observed CTR of the pooled reports, NaN without samples. */
    public double ctr() {
        return samples == 0 ? Double.NaN : (double) positives / samples;
    }

    /** Observed over predicted clicks, NaN without predictions. */
    public double calibration() {
        return predicted > 0.0 ? positives / predicted : Double.NaN;
    }

    /** The share of failed requests, NaN without requests. */
    public double errorRate() {
        return requests == 0 ? Double.NaN : (double) errors / requests;
    }
}
