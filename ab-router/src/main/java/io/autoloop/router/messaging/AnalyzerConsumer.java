package io.autoloop.router.messaging;

import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.router.service.experiment.AnalyzerFeed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the error-analyzer's output into the {@link AnalyzerFeed}: {@code experiment.arm-stats} on the
 * {@code arm-stats} channel and {@code analysis.reports} on the {@code reports} channel. Every replica reads every
 * partition (a consumer group of its own), so whichever replica holds the controller lease has the latest counts.
 */
@ApplicationScoped
public class AnalyzerConsumer {

    private final AnalyzerFeed feed;

    public AnalyzerConsumer(AnalyzerFeed feed) {
        this.feed = feed;
    }

    @Incoming("arm-stats")
    public void onArmStats(ArmStats stats) {
        if (stats != null) {
            feed.accept(stats);
        }
    }

    @Incoming("reports")
    public void onReport(ErrorReport report) {
        if (report != null) {
            feed.accept(report);
        }
    }
}
