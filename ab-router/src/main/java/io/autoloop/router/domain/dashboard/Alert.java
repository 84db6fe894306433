package io.autoloop.router.domain.dashboard;

import io.autoloop.contracts.TrainerHealth;
import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Something an owner must notice, about an experiment (a sample-ratio mismatch, a failing guardrail, an experiment
 * held by an admin) or about the training of the model (stalled, failing, or not reported). The dashboard shows each
 * with its kind spelled out, never by colour alone.
 */
public record Alert(Kind kind, String message) {

    /** What the alert is about. */
    public enum Kind {
        /** The arms' impressions do not fit the split (p below the SRM level), or the experiment was stopped for it. */
        SAMPLE_RATIO_MISMATCH,
        /** A guardrail failed at the latest analysis. */
        GUARDRAIL,
        /** An admin paused the experiment: it holds its weight. */
        PAUSED,
        /** Samples arrive but the retrainer has learned none for its stall time. */
        TRAINING_STALLED,
        /** The retrainer's training loop failed and is starting over from its last checkpoint. */
        TRAINING_FAILING,
        /** No retrainer reports on the training: its last report went stale, or there is none. */
        TRAINING_UNREPORTED
    }

    /**
     * The alerts of {@code experiment}, most serious first. An ended experiment raises none: nothing can be done about
     * it any more.
     *
     * @param srmAlpha the p-value under which the sample ratio counts as mismatched
     */
    public static List<Alert> of(Experiment experiment, double srmAlpha) {
        if (experiment.phase().isTerminal()) {
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>();
        Analysis analysis = experiment.lastAnalysis();
        Double srm = analysis == null ? null : analysis.srmPValue();
        if (experiment.phase() == Phase.STOPPED) {
            alerts.add(new Alert(
                    Kind.SAMPLE_RATIO_MISMATCH,
                    "Stopped on a sample-ratio mismatch"
                            + (srm == null ? "" : String.format(Locale.ROOT, " (p = %.2g)", srm))
                            + "; an admin must resume, promote or roll back."));
        } else if (srm != null && srm < srmAlpha) {
            alerts.add(new Alert(
                    Kind.SAMPLE_RATIO_MISMATCH,
                    String.format(Locale.ROOT, "Sample-ratio mismatch: p = %.2g < %s.", srm, srmAlpha)));
        }
        if (analysis != null) {
            for (GuardrailReading reading : analysis.guardrails()) {
                if (reading.status() == GuardrailReading.Status.FAIL) {
                    alerts.add(new Alert(
                            Kind.GUARDRAIL,
                            String.format(
                                    Locale.ROOT,
                                    "The %s guardrail fails: %.4g against the limit %.4g (%d analyses in a row).",
                                    reading.guardrail()
                                            .name()
                                            .toLowerCase(Locale.ROOT)
                                            .replace('_', ' '),
                                    reading.value(),
                                    reading.limit(),
                                    reading.consecutiveFailures())));
                }
            }
        }
        if (experiment.phase() == Phase.PAUSED) {
            alerts.add(new Alert(Kind.PAUSED, "Paused by an admin: the challenger holds its weight."));
        }
        return alerts;
    }

    /**
     * The alerts of the model's training at {@code now}, from the report its active retrainer last wrote
     * ({@code health}, null when there is none): one when training is stalled or failing, or when the report is
     * missing or stale (the retrainer stopped reporting, so nothing says it still learns); none when it is healthy.
     */
    public static List<Alert> ofTraining(TrainerHealth health, Instant now) {
        if (health == null) {
            return List.of(new Alert(
                    Kind.TRAINING_UNREPORTED,
                    "No retrainer reports on this model's training: none runs, or none has become the"
                            + " active trainer."));
        }
        if (health.isStale(now)) {
            return List.of(new Alert(
                    Kind.TRAINING_UNREPORTED,
                    "The retrainer has not reported on this model's training since " + health.at()
                            + ": it may have stopped; its last report said "
                            + health.state().wireName() + "."));
        }
        return switch (health.state()) {
            case HEALTHY -> List.of();
            case STALLED -> List.of(new Alert(Kind.TRAINING_STALLED, "Training is stalled: " + health.detail()));
            case FAILING -> List.of(new Alert(Kind.TRAINING_FAILING, "Training is failing: " + health.detail()));
        };
    }
}
