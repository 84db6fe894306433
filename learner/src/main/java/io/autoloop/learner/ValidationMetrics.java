package io.autoloop.learner;

/**
 * A summary of progressive validation at one moment, as a retrainer publishes it with a model version.
 *
 * @param samples the number of samples recorded, zero-weight ones included
 * @param weight the total sample weight
 * @param logLoss the weighted average log loss in nats; NaN before any weight
 * @param auc the exact weighted AUC over the last {@code aucSamples} predictions; NaN while they hold one class
 * @param aucSamples the number of predictions in the AUC window
 * @param calibration predicted against observed, overall and per bucket
 */
public record ValidationMetrics(
        long samples, double weight, double logLoss, double auc, int aucSamples, Calibration calibration) {}
