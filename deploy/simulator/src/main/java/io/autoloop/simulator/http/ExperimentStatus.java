package io.autoloop.simulator.http;

/**
 * The running experiment as the progress line shows it.
 *
 * @param challengerWeight the challenger's share of traffic in percent, null when unknown
 */
public record ExperimentStatus(String id, String phase, Double challengerWeight, String champion, String challenger) {}
