package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.MixtureSprt;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The rules of a gray rollout.
 *
 * @param steps the challenger's weight at each step, in buckets (out of {@link Bucketing#BUCKETS}), strictly
 *     increasing; advancing into a step of all buckets, or past the last step, promotes
 * @param minImpressions the impressions each arm needs, in total before a harm rollback and within the settled part of
 *     the current step before an advance; both arms together need as many in the settled part of the step before
 *     the sample-ratio check, and guardrails do not wait for it
 * @param gainThreshold the relative CTR gain the lift estimate must reach to advance, e.g. 0.02
 * @param mixtureSd τ of the {@link MixtureSprt}
 * @param alpha the significance level of the lift test, e.g. 0.05
 * @param srmAlpha the p-value under which a sample-ratio mismatch stops the experiment, e.g. 0.001
 * @param attributionLag how long after a decision its impressions reach the arm stats; counts that arrive sooner after
 *     a weight change are left out of the sample-ratio check and the step's minimum
 * @param maxDuration how long after its start an experiment may run before it is rolled back as inconclusive
 */
public record RolloutPolicy(
        List<Integer> steps,
        long minImpressions,
        double gainThreshold,
        double mixtureSd,
        double alpha,
        double srmAlpha,
        GuardrailLimits guardrails,
        Duration attributionLag,
        Duration maxDuration) {

    public RolloutPolicy {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A rollout needs at least one step.");
        }
        int previous = 0;
        for (int step : steps) {
            if (step <= previous || step > Bucketing.BUCKETS) {
                throw new IllegalArgumentException("Rollout steps must increase strictly within (0, 100] percent, got "
                        + steps.stream().map(Bucketing::percentOf).toList() + ".");
            }
            previous = step;
        }
        if (minImpressions < 1) {
            throw new IllegalArgumentException(
                    "The minimum impressions per arm must be at least 1, got " + minImpressions + ".");
        }
        if (!(gainThreshold >= 0.0) || !Double.isFinite(gainThreshold)) {
            throw new IllegalArgumentException(
                    "The relative gain threshold must be zero or more, got " + gainThreshold + ".");
        }
        if (!(srmAlpha > 0.0 && srmAlpha < 1.0)) {
            throw new IllegalArgumentException(
                    "The sample-ratio significance level must be in (0, 1), got " + srmAlpha + ".");
        }
        Objects.requireNonNull(guardrails, "guardrails");
        if (attributionLag.isNegative() || (maxDuration.isZero() || maxDuration.isNegative())) {
            throw new IllegalArgumentException("The attribution lag must not be negative and the maximum duration must"
                    + " be positive, got " + attributionLag + " and " + maxDuration + ".");
        }
        new MixtureSprt(alpha, mixtureSd);
    }
}
