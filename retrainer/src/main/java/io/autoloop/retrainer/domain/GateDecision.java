package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LineageRef;
import java.time.Instant;

/**
 * One decision of the validation gate, as {@code GET /v1/models/candidates} lists it and the registry keeps it: what
 * was judged, when, why, and the numbers. Log losses are average nats over the holdout window.
 *
 * @param at when the candidate was judged
 * @param model the model name
 * @param trigger {@code initial}, {@code schedule} or {@code forced}
 * @param actor who asked: {@code retrainer} for scheduled candidates, {@code admin} for forced ones
 * @param outcome {@code published} or {@code rejected}
 * @param reason the gate's reason
 * @param detail one sentence
 * @param version the version it was published as, or would have been (a rejected candidate consumes none)
 * @param parent the last version before it
 * @param champion the champion it was compared with, or null
 * @param samplesSeen samples the candidate was trained on
 * @param holdoutSamples samples in the holdout window
 * @param candidateLogLoss the learner's progressive log loss over the window
 * @param championLogLoss the champion's log loss over the same samples
 * @param standardError standard error of the paired difference of the two
 * @param margin the gate margin in force
 * @param predictionSpread standard deviation of the candidate's predictions over the window
 * @param lineage the lineage of the candidate (absent in decisions kept before lineages)
 */
public record GateDecision(
        Instant at,
        String model,
        String trigger,
        String actor,
        String outcome,
        GateReason reason,
        String detail,
        String version,
        String parent,
        String champion,
        long samplesSeen,
        int holdoutSamples,
        double candidateLogLoss,
        double championLogLoss,
        double standardError,
        double margin,
        double predictionSpread,
        LineageRef lineage) {

    /** The decision about {@code candidate}, taken at {@code at}. */
    public static GateDecision of(
            Candidate candidate, String trigger, String actor, String champion, double margin, Instant at) {
        GateVerdict verdict = candidate.verdict();
        HoldoutWindow.PairedLosses losses = verdict.losses();
        return new GateDecision(
                at,
                candidate.model().provenance().name(),
                trigger,
                actor,
                verdict.reason().outcome(),
                verdict.reason(),
                verdict.detail(),
                candidate.version().toString(),
                candidate.model().provenance().parentVersion(),
                champion,
                candidate.model().provenance().samplesSeen(),
                losses.samples(),
                losses.learnerLogLoss(),
                losses.championLogLoss(),
                losses.standardError(),
                margin,
                verdict.predictionSpread(),
                candidate.lineage());
    }

    /** Whether the candidate was published. */
    public boolean published() {
        return reason.passed();
    }
}
