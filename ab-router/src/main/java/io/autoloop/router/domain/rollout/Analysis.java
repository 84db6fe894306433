package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import io.autoloop.router.domain.statistics.LiftReading;
import java.time.Instant;
import java.util.List;

/**
 * One analysis of an experiment with every number behind its verdict.
 *
 * @param champion the champion's counts of every window so far
 * @param challenger the challenger's counts of every window so far
 * @param stepChampion the champion's settled counts in the current step
 * @param stepChallenger the challenger's settled counts in the current step
 * @param evidence the sequential test's evidence, null before both arms have a click
 * @param alwaysValidPValue the running minimum of the two-sided {@code 1/Λ} over every analysis so far, null before any
 *     evidence
 * @param srmPValue the sample-ratio p-value of the current step, null while it cannot be computed
 * @param tests what the gain, harm and futility tests say, null without evidence
 * @param impressionsToDecide the further impressions (both arms) the decision step needs before the gain test or the
 *     futility bound decides, if the lift estimate stays where it is; null without evidence
 * @param phase where the experiment stands: {@code safety} or {@code decision}
 */
public record Analysis(
        Instant at,
        ArmCounts champion,
        ArmCounts challenger,
        ArmCounts stepChampion,
        ArmCounts stepChallenger,
        Evidence evidence,
        Double alwaysValidPValue,
        Double srmPValue,
        List<GuardrailReading> guardrails,
        Verdict verdict,
        String reason,
        LiftReading tests,
        Long impressionsToDecide,
        String phase) {

    /** The ramp phase of a step below the decision step. */
    public static final String SAFETY = "safety";

    /** The ramp phase of the decision step. */
    public static final String DECISION = "decision";

    public Analysis {
        guardrails = List.copyOf(guardrails);
    }
}
