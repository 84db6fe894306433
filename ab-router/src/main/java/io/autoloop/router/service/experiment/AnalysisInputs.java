package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.statistics.ArmWindow;
import io.autoloop.router.service.ranking.ArmMeters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what one analysis needs: both arms' counts per arm-stats window from the {@link AnalyzerFeed}, and the
 * challenger's health from this replica's {@link ArmMeters} (requests, errors and p99 over the guardrails' sliding
 * window) and the newest error report of its version (observed over predicted clicks).
 */
@ApplicationScoped
class AnalysisInputs {

    private final AnalyzerFeed feed;
    private final ArmMeters meters;

    AnalysisInputs(AnalyzerFeed feed, ArmMeters meters) {
        this.feed = feed;
        this.meters = meters;
    }

    /** Both arms' counts per arm-stats window, aligned on the same windows. */
    List<ArmWindow> windows(String experimentId) {
        return feed.windows(experimentId);
    }

    /** The mean number of items one ranking showed (so far on this replica), for the sample-ratio check. */
    double impressionsPerDecision() {
        return meters.impressionsPerDecision();
    }

    /** The challenger's health over the guardrails' window. */
    ChallengerHealth challenger(Experiment experiment) {
        ChallengerHealth served = meters.health(Arm.CHALLENGER);
        Optional<ErrorReport> report = feed.report(experiment.challenger());
        long samples = report.map(ErrorReport::samples).orElse(0L);
        Double calibration = report.filter(r -> r.meanPrediction() > 0.0)
                .map(r -> r.observedCtr() / r.meanPrediction())
                .orElse(null);
        return new ChallengerHealth(
                served.requests(), served.errors(), served.p99LatencyMillis(), samples, calibration);
    }
}
