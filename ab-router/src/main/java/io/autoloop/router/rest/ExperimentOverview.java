package io.autoloop.router.rest;

import io.autoloop.router.domain.dashboard.Alert;
import io.autoloop.router.domain.rollout.Transition;
import java.util.List;

/**
 * One row of the dashboard's overview: the experiment's summary, its latest transition and what an owner must notice.
 *
 * @param lastTransition the newest entry of the history
 */
public record ExperimentOverview(ExperimentView experiment, Transition lastTransition, List<Alert> alerts) {}
