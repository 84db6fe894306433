package io.autoloop.learner.search;

/**
 * A challenger's progressive log loss against the champion's on the same examples, over the recent window of examples
 * both predicted: the per-example means and the confidence bound on their paired difference. Losses are weighted by
 * each example's weight, in nats per example.
 *
 * @param examples the paired examples in the window
 * @param championLoss the champion's mean loss on them (NaN without any)
 * @param challengerLoss the challenger's mean loss on them (NaN without any)
 * @param difference challenger minus champion: negative when the challenger predicted better (NaN without any)
 * @param lower the lower confidence bound of the mean difference (−∞ with fewer than two examples)
 * @param upper the upper confidence bound of the mean difference (+∞ with fewer than two examples)
 */
public record Comparison(
        long examples, double championLoss, double challengerLoss, double difference, double lower, double upper) {}
