package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.domain.statistics.LiftTests;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The rules of a gray rollout: safety steps that the challenger passes on exposure and safety alone, then one decision
 * step where the always-valid tests promote, roll back or end the experiment as "no gain".
 *
 * @param steps the challenger's weight at each step, in buckets (out of {@link Bucketing#BUCKETS}), strictly
 *     increasing; the last step below all buckets is the decision step, the ones before it are safety steps, and a
 *     promotion gives the challenger all buckets
 * @param minExposure the challenger impressions a safety step needs, settled in the step, before it may advance; and
 *     the challenger impressions in total before harm may roll back
 * @param minImpressions the impressions each arm needs in total before the decision step's gain and futility verdicts;
 *     both arms together need as many settled in a step before its sample-ratio check
 * @param gainThreshold the relative CTR gain worth a promotion, e.g. 0.02: the lift estimate must reach it, and the
 *     experiment ends as "no gain" once the futility bound lies below it
 * @param mixtureSd τ of the gain and harm tests ({@link LiftTests})
 * @param disasterMixtureSd τ_d, the wide second scale of the harm test
 * @param alpha the level of the one-sided gain test, e.g. 0.05
 * @param harmAlpha the level of the one-sided harm test, e.g. 0.05
 * @param futilityAlpha the level of the futility bound, e.g. 0.1
 * @param srmAlpha the p-value under which a sample-ratio mismatch stops the experiment, e.g. 0.001
 * @param settleTime how long after a weight change replicas may still route by the previous weight: windows that start
 *     sooner are left out of the step's sample-ratio check and exposure
 * @param windowRetention how long after its end an arm-stats window may still grow; older windows are folded into
 *     their segment's sums and later reports of them ignored
 * @param maxDuration how long after its start an experiment may run before it is rolled back as inconclusive
 */
public record RolloutPolicy(
        List<Integer> steps,
        long minExposure,
        long minImpressions,
        double gainThreshold,
        double mixtureSd,
        double disasterMixtureSd,
        double alpha,
        double harmAlpha,
        double futilityAlpha,
        double srmAlpha,
        GuardrailLimits guardrails,
        Duration settleTime,
        Duration windowRetention,
        Duration maxDuration) {

    public RolloutPolicy {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.get(0) >= Bucketing.BUCKETS) {
            throw new IllegalArgumentException(
                    "A rollout needs at least one step below 100 percent, its decision step; got "
                            + steps.stream().map(Bucketing::percentOf).toList() + ".");
        }
        int previous = 0;
        for (int step : steps) {
            if (step <= previous || step > Bucketing.BUCKETS) {
                throw new IllegalArgumentException("Rollout steps must increase strictly within (0, 100] percent, got "
                        + steps.stream().map(Bucketing::percentOf).toList() + ".");
            }
            previous = step;
        }
        if (minExposure < 1 || minImpressions < 1) {
            throw new IllegalArgumentException("The minimum exposure and impressions must be at least 1, got "
                    + minExposure + " and " + minImpressions + ".");
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
        if (settleTime.isNegative()
                || windowRetention.isNegative()
                || maxDuration.isZero()
                || maxDuration.isNegative()) {
            throw new IllegalArgumentException("The settle time and window retention must not be negative and the"
                    + " maximum duration must be positive, got " + settleTime + ", " + windowRetention + " and "
                    + maxDuration + ".");
        }
        new LiftTests(alpha, harmAlpha, futilityAlpha, mixtureSd, disasterMixtureSd);
    }

    /** The index of the decision step: the last step below all buckets. */
    public int decisionStep() {
        int last = steps.size() - 1;
        return steps.get(last) >= Bucketing.BUCKETS ? last - 1 : last;
    }

    /** The tests this policy decides with. */
    public LiftTests liftTests() {
        return new LiftTests(alpha, harmAlpha, futilityAlpha, mixtureSd, disasterMixtureSd);
    }
}
