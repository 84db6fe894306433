package io.autoloop.analyzer.state;

import io.autoloop.analyzer.domain.ErrorAccumulator;

/**
 * The error sums of one batch of samples of a model version (the record key) in the report window starting at
 * {@code windowStart} (epoch ms): the value of the {@code report-parts} topic, which the report aggregation adds up.
 */
public record ReportPart(long windowStart, ErrorAccumulator errors) {}
