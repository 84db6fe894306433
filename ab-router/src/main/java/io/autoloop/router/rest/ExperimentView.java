package io.autoloop.router.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Transition;
import io.autoloop.router.domain.rollout.Verdict;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import io.autoloop.router.domain.statistics.Segment;
import java.time.Instant;
import java.util.List;

/**
 * An experiment as the admin API and the dashboard show it: arms with their weights and counts, the lift with its
 * always-valid confidence interval and p-values, the latest verdict and guardrails, and (in the detail view) the
 * segments and the history of transitions. Weights are in percent; rates are fractions.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExperimentView(
        String id,
        String model,
        Phase phase,
        String champion,
        String challenger,
        double challengerWeight,
        int step,
        List<Double> steps,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt,
        long revision,
        List<ArmView> arms,
        Lift lift,
        Double srmPValue,
        Verdict verdict,
        String reason,
        Instant analysedAt,
        List<GuardrailReading> guardrails,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Segment> segments,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Transition> history) {

    /** One arm: its model version, traffic share and the analyzer's cumulative counts. */
    public record ArmView(Arm arm, String version, double weight, long impressions, long clicks, double ctr) {}

    /**
     * The challenger's relative CTR gain: the estimate, the always-valid interval at {@code confidence}, the p-value
     * of this analysis and the always-valid p-value (its running minimum).
     */
    public record Lift(
            double estimate, double lower, double upper, double confidence, double pValue, Double alwaysValidPValue) {}

    /** The summary (no segments, no history). */
    static ExperimentView summaryOf(Experiment experiment, double alpha) {
        return of(experiment, alpha, false);
    }

    /** The full view. */
    static ExperimentView detailOf(Experiment experiment, double alpha) {
        return of(experiment, alpha, true);
    }

    private static ExperimentView of(Experiment e, double alpha, boolean detail) {
        Analysis analysis = e.lastAnalysis();
        double challengerWeight = e.challengerWeight();
        List<ArmView> arms = List.of(
                arm(Arm.CHAMPION, e.champion(), 100.0 - challengerWeight, e.championTotals()),
                arm(Arm.CHALLENGER, e.challenger(), challengerWeight, e.challengerTotals()));
        Evidence evidence = analysis == null ? null : analysis.evidence();
        Lift lift = evidence == null
                ? null
                : new Lift(
                        evidence.lift(),
                        evidence.liftLower(),
                        evidence.liftUpper(),
                        1.0 - alpha,
                        evidence.pValue(),
                        e.alwaysValidPValue());
        return new ExperimentView(
                e.id(),
                e.model(),
                e.phase(),
                e.champion(),
                e.challenger(),
                challengerWeight,
                e.step() + 1,
                e.steps().stream().map(Bucketing::percentOf).toList(),
                e.createdAt(),
                e.startedAt(),
                e.updatedAt(),
                e.revision(),
                arms,
                lift,
                analysis == null ? null : analysis.srmPValue(),
                analysis == null ? null : analysis.verdict(),
                analysis == null ? null : analysis.reason(),
                analysis == null ? null : analysis.at(),
                analysis == null ? List.of() : analysis.guardrails(),
                detail ? e.segments() : null,
                detail ? e.history() : null);
    }

    private static ArmView arm(Arm arm, String version, double weight, ArmCounts counts) {
        return new ArmView(arm, version, weight, counts.impressions(), counts.clicks(), counts.ctr());
    }
}
