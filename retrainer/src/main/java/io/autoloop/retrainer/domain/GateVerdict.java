package io.autoloop.retrainer.domain;

/**
 * What the {@link ValidationGate} decided about one candidate, with the numbers it decided on.
 *
 * @param reason why it passed or failed
 * @param detail one sentence explaining the decision
 * @param losses learner and champion log loss over the holdout window
 * @param predictionSpread standard deviation of the candidate's predictions over the window (NaN if not measured)
 */
public record GateVerdict(
        GateReason reason, String detail, HoldoutWindow.PairedLosses losses, double predictionSpread) {

    public boolean passed() {
        return reason.passed();
    }
}
