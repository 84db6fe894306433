package io.autoloop.router.rest;

import io.autoloop.router.domain.dashboard.Alert;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.dashboard.WeightStep;
import io.autoloop.router.domain.guardrail.GuardrailLimits;
import java.util.List;

/**
 * The dashboard's page of one experiment: the full view (with segments and history), its alerts, the thresholds it is
 * judged by, the weight as a step chart read off the history, and the newest analyses as time series.
 *
 * @param srmAlpha the p-value under which the sample ratio counts as mismatched
 * @param guardrailLimits the thresholds the guardrail readings are held against
 * @param analyses the newest analyses, oldest first (at most {@code ExperimentRepository.ANALYSES_KEPT})
 */
public record ExperimentDetail(
        ExperimentView experiment,
        List<Alert> alerts,
        double srmAlpha,
        GuardrailLimits guardrailLimits,
        List<WeightStep> weights,
        List<AnalysisPoint> analyses) {}
