package io.autoloop.retrainer.domain;

import io.autoloop.contracts.Arm;
import io.autoloop.learner.ModelSnapshot;
import java.util.Locale;

/**
 * Decides whether a candidate snapshot may be published: consumes the candidate, the {@link HoldoutWindow} and the
 * identity of the version it would replace (its reference, see {@link ServedVersions}), and produces a
 * {@link GateVerdict}.
 *
 * <p>The checks, in order: every weight of the candidate is finite ({@code non-finite}); the window holds at least
 * {@link GatePolicy#minHoldoutSamples()} samples ({@code holdout-too-small}); the candidate's predictions over the
 * window vary by at least {@link GatePolicy#minPredictionSpread()} (standard deviation) and are finite
 * ({@code constant-predictions}, {@code non-finite}); and, when there is a reference, the learner's progressive log
 * loss over the window is at most the reference arm's (each sample scored by the version that arm served when it came)
 * plus {@link GatePolicy#margin()} ({@code worse-than-champion}, or
 * {@code worse-than-challenger} for a refresh of the challenger arm).
 * The progressive loss is the learner's, sample by sample before learning; the candidate is that learner frozen at
 * the end of the window.
 */
public final class ValidationGate {

    private final GatePolicy policy;

    public ValidationGate(GatePolicy policy) {
        this.policy = policy;
    }

    public GatePolicy policy() {
        return policy;
    }

    /**
     * Judges {@code candidate}.
     *
     * @param candidate the snapshot that would be published; it must hash like the window's vectors
     * @param window the holdout window
     * @param referenceArm the arm serving the reference version, or null when there is none
     * @param referenceVersion the version the window was scored with, or null when there is none
     */
    public GateVerdict judge(ModelSnapshot candidate, HoldoutWindow window, Arm referenceArm, String referenceVersion) {
        HoldoutWindow.PairedLosses losses = window.losses();
        int coordinates = candidate.featureSpec().dimension();
        for (int i = 0; i < coordinates; i++) {
            if (!Double.isFinite(candidate.weight(i))) {
                return new GateVerdict(
                        GateReason.NON_FINITE,
                        "The candidate's weight of coordinate " + i + " is " + candidate.weight(i) + ".",
                        losses,
                        Double.NaN);
            }
        }
        if (window.size() < policy.minHoldoutSamples() || losses.weight() == 0.0) {
            return new GateVerdict(
                    GateReason.HOLDOUT_TOO_SMALL,
                    "The holdout window holds " + window.size() + " samples (total weight " + losses.weight()
                            + ") scored by the current champion; " + policy.minHoldoutSamples()
                            + " samples of positive weight are needed to judge a candidate.",
                    losses,
                    Double.NaN);
        }
        double spread = window.predictionSpread(candidate);
        if (Double.isNaN(spread)) {
            return new GateVerdict(
                    GateReason.NON_FINITE,
                    "The candidate predicts a non-finite probability for a holdout sample.",
                    losses,
                    spread);
        }
        if (spread < policy.minPredictionSpread()) {
            return new GateVerdict(
                    GateReason.CONSTANT_PREDICTIONS,
                    String.format(
                            Locale.ROOT,
                            "The candidate's predictions over %d holdout samples have a standard deviation of %.3g,"
                                    + " below the minimum of %.3g.",
                            window.size(),
                            spread,
                            policy.minPredictionSpread()),
                    losses,
                    spread);
        }
        if (referenceVersion == null) {
            return new GateVerdict(
                    GateReason.NO_CHAMPION,
                    "There is no champion to compare with; the candidate is not degenerate.",
                    losses,
                    spread);
        }
        if (!Double.isFinite(losses.learnerLogLoss())) {
            return new GateVerdict(
                    GateReason.NON_FINITE,
                    "The learner's progressive log loss over the holdout window is " + losses.learnerLogLoss() + ".",
                    losses,
                    spread);
        }
        // A champion whose loss is not finite (a broken champion) cannot hold a sound candidate back.
        boolean within = !(losses.learnerLogLoss() > losses.championLogLoss() + policy.margin());
        String comparison = String.format(
                Locale.ROOT,
                "Over %d holdout samples the candidate's log loss is %.6f against %.6f for the %s arm as served"
                        + " (now %s, before it the versions of its lineage it refreshed; difference %+.6f ± %.6f,"
                        + " margin %.6f).",
                losses.samples(),
                losses.learnerLogLoss(),
                losses.championLogLoss(),
                referenceArm == Arm.CHALLENGER ? "challenger" : "champion",
                referenceVersion,
                losses.difference(),
                losses.standardError(),
                policy.margin());
        GateReason worse =
                referenceArm == Arm.CHALLENGER ? GateReason.WORSE_THAN_CHALLENGER : GateReason.WORSE_THAN_CHAMPION;
        return new GateVerdict(within ? GateReason.WITHIN_MARGIN : worse, comparison, losses, spread);
    }
}
