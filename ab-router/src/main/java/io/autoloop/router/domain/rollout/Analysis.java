package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import java.time.Instant;
import java.util.List;

/**
 * One analysis of an experiment with every number behind its verdict.
 *
 * @param champion the champion's cumulative counts
 * @param challenger the challenger's cumulative counts
 * @param stepChampion the champion's settled counts in the current step
 * @param stepChallenger the challenger's settled counts in the current step
 * @param evidence the sequential test's evidence, null before both arms have a click
 * @param alwaysValidPValue the running minimum of {@code 1/Λ} over every analysis so far, null before any evidence
 * @param srmPValue the sample-ratio p-value of the current step, null while it cannot be computed
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
        String reason) {

    public Analysis {
        guardrails = List.copyOf(guardrails);
    }
}
