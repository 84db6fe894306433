package io.autoloop.router.service.model;

import io.autoloop.router.domain.dashboard.ModelCard;
import io.autoloop.router.domain.rollout.Phase;
import java.util.List;

/**
 * The model registry as the dashboard's models page shows it: which version each arm serves, the running experiment
 * if any, and the newest versions with provenance, metrics and calibration.
 *
 * @param champion the version the champion alias names, null before the first
 * @param challenger the version the challenger alias names, null when no experiment runs
 * @param experimentId the running experiment, null when none runs
 * @param phase the running experiment's phase, null when none runs
 * @param challengerWeight the challenger's traffic in percent, 0 when no experiment runs
 * @param versions newest first
 */
public record ModelsView(
        String model,
        String champion,
        String challenger,
        String experimentId,
        Phase phase,
        double challengerWeight,
        List<ModelCard> versions) {}
