package io.autoloop.analyzer.rest;

import io.autoloop.contracts.ErrorReport;
import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /v1/reports}: the reports of a model version whose window starts in {@code [from, to)}. */
public record ErrorReports(String modelVersion, Instant from, Instant to, List<ErrorReport> reports) {}
