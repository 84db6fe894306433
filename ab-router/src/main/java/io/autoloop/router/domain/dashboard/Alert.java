package io.autoloop.router.domain.dashboard;

import io.autoloop.router.domain.guardrail.GuardrailReading;
import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Something about an experiment that an owner must notice: a sample-ratio mismatch, a failing guardrail, or an
 * experiment held by an admin. The dashboard shows each with its kind spelled out, never by colour alone.
 */
public record Alert(Kind kind, String message) {

    /** What the alert is about. */
    public enum Kind {
        /** The arms' impressions do not fit the split (p below the SRM level), or the experiment was stopped for it. */
        SAMPLE_RATIO_MISMATCH,
        /** A guardrail failed at the latest analysis. */
        GUARDRAIL,
        /** An admin paused the experiment: it holds its weight. */
        PAUSED
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
}
