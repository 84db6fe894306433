package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The default rollout policy of the router, for the domain tests. */
public final class RolloutFixtures {

    static final GuardrailLimits GUARDRAILS = new GuardrailLimits(0.01, 50.0, 100, 0.8, 1.25, 1_000, 3);

    /** A challenger that served enough requests in the guardrails' window, none failed, all fast. */
    static final ChallengerHealth HEALTHY = new ChallengerHealth(1_000, 0, 10.0, 0, null);

    private RolloutFixtures() {}

    /**
     * The window of event time an analysis at {@code at} reports when the arms' counts so far are {@code champion} and
     * {@code challenger}: what they add to the experiment's counts, served since its latest analysis or weight change.
     */
    public static List<ArmWindow> countsUntil(
            Experiment experiment, Instant at, ArmCounts champion, ArmCounts challenger) {
        Instant start = experiment.segments().isEmpty()
                ? at.minusSeconds(60)
                : experiment.segments().get(experiment.segments().size() - 1).startedAt();
        if (experiment.lastAnalysis() != null && experiment.lastAnalysis().at().isAfter(start)) {
            start = experiment.lastAnalysis().at();
        }
        if (!start.isBefore(at)) {
            start = at.minusMillis(1);
        }
        return List.of(new ArmWindow(
                start,
                at,
                experiment.championTotals().increaseTo(champion),
                experiment.challengerTotals().increaseTo(challenger)));
    }

    /** The router's default policy, with {@code settleTime} after a weight change. */
    public static RolloutPolicy policy(Duration settleTime) {
        return new RolloutPolicy(
                List.of(500, 1_000, 2_500, 5_000, 10_000),
                500,
                1_000,
                0.02,
                0.1,
                0.5,
                0.05,
                0.05,
                0.1,
                0.001,
                GUARDRAILS,
                settleTime,
                Duration.ofHours(6),
                Duration.ofDays(7));
    }
}
