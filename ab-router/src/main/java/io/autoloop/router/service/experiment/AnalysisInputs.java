package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.service.ranking.ArmMeters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers what one analysis needs: each arm's cumulative counts from the {@link AnalyzerFeed}, and the challenger's
 * health from this replica's {@link ArmMeters} (requests, errors, p99 since the last analysis) and the newest error
 * report of its version (observed over predicted clicks).
 */
@ApplicationScoped
class AnalysisInputs {

    private final AnalyzerFeed feed;
    private final ArmMeters meters;

    AnalysisInputs(AnalyzerFeed feed, ArmMeters meters) {
        this.feed = feed;
        this.meters = meters;
    }

    /** Both arms' cumulative counts, aligned on the same window. */
    Map<Arm, ArmCounts> counts(String experimentId) {
        return feed.counts(experimentId);
    }

    /** The mean number of items one ranking showed (so far on this replica), for the sample-ratio check. */
    double impressionsPerDecision() {
        return meters.impressionsPerDecision();
    }

    /** The challenger's health since the previous call. */
    ChallengerHealth challenger(Experiment experiment) {
        ChallengerHealth served = meters.challengerSinceLastCall();
        Optional<ErrorReport> report = feed.report(experiment.challenger());
        long samples = report.map(ErrorReport::samples).orElse(0L);
        Double calibration = report.filter(r -> r.meanPrediction() > 0.0)
                .map(r -> r.observedCtr() / r.meanPrediction())
                .orElse(null);
        return new ChallengerHealth(
                served.requests(), served.errors(), served.p99LatencyMillis(), samples, calibration);
    }
}
