package io.autoloop.contracts;

/**
 * Progressive-validation metrics of a model version: each sample was scored before it was learned.
 *
 * <p>{@code calibration} is the sum of predictions over the sum of labels (1 is perfect); it is NaN
 * when there were no positives. {@code holdoutLogLoss} covers only the latest holdout window.
 */
public record ModelMetrics(long samples, double logLoss, double auc, double calibration, double holdoutLogLoss) {}
