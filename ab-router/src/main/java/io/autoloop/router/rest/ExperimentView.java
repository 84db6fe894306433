package io.autoloop.router.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.RolloutPolicy;
import io.autoloop.router.domain.rollout.Transition;
import io.autoloop.router.domain.rollout.Verdict;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import io.autoloop.router.domain.statistics.LiftReading;
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
        Ramp ramp,
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

    /**
     * Where the rollout stands and what would end it: the safety steps and the decision step (in percent), the stage
     * of the current step ({@code safety}, {@code decision}, or null before the first analysis), the promotion rule
     * (the gain test's level and the gain threshold), the harm test's level, the futility bound's confidence, and the
     * latest values of each: the gain and harm p-values, the futility bound, and the impressions (both arms) the
     * decision step still needs at the current lift; null before there is evidence.
     */
    public record Ramp(
            List<Double> safetySteps,
            double decisionStep,
            String stage,
            double gainThreshold,
            double gainAlpha,
            double harmAlpha,
            double futilityConfidence,
            Double gainPValue,
            Double harmPValue,
            Double futilityUpper,
            Long impressionsToDecide) {}

    /** The summary (no segments, no history). */
    static ExperimentView summaryOf(Experiment experiment, RolloutPolicy policy) {
        return of(experiment, policy, false);
    }

    /** The full view. */
    static ExperimentView detailOf(Experiment experiment, RolloutPolicy policy) {
        return of(experiment, policy, true);
    }

    private static ExperimentView of(Experiment e, RolloutPolicy policy, boolean detail) {
        double alpha = policy.alpha();
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
                ramp(e, policy, analysis),
                analysis == null ? null : analysis.srmPValue(),
                analysis == null ? null : analysis.verdict(),
                analysis == null ? null : analysis.reason(),
                analysis == null ? null : analysis.at(),
                analysis == null ? List.of() : analysis.guardrails(),
                detail ? e.segments() : null,
                detail ? e.history() : null);
    }

    private static Ramp ramp(Experiment e, RolloutPolicy policy, Analysis analysis) {
        int decision = policy.decisionStep();
        List<Double> steps = e.steps().stream().map(Bucketing::percentOf).toList();
        LiftReading tests = analysis == null ? null : analysis.tests();
        return new Ramp(
                steps.subList(0, Math.min(decision, steps.size())),
                decision < steps.size() ? steps.get(decision) : 100.0,
                analysis == null ? null : analysis.phase(),
                policy.gainThreshold(),
                policy.alpha(),
                policy.harmAlpha(),
                1.0 - policy.futilityAlpha(),
                tests == null ? null : tests.gainPValue(),
                tests == null ? null : tests.harmPValue(),
                tests == null ? null : tests.futilityUpper(),
                analysis == null ? null : analysis.impressionsToDecide());
    }

    private static ArmView arm(Arm arm, String version, double weight, ArmCounts counts) {
        return new ArmView(arm, version, weight, counts.impressions(), counts.clicks(), counts.ctr());
    }
}
