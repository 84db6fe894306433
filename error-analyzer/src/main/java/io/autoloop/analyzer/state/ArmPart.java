package io.autoloop.analyzer.state;

import io.autoloop.analyzer.domain.ArmTally;

/**
 * The arm counts of one batch of samples of an experiment (the record key) in the arm-stats window starting at
 * {@code windowStart} (epoch ms): the value of the {@code arm-parts} topic, which the arm-stats aggregation adds up.
 */
public record ArmPart(long windowStart, ArmTally tally) {}
