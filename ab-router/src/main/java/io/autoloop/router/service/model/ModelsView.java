package io.autoloop.router.service.model;

import io.autoloop.contracts.LineageRef;
import io.autoloop.router.domain.dashboard.LineageView;
import io.autoloop.router.domain.dashboard.ModelCard;
import io.autoloop.router.domain.rollout.Phase;
import java.util.List;

/**
 * The model registry as the dashboard's models page shows it: which version (of which lineage) each arm serves, the
 * running experiment if any, the newest versions with provenance, metrics and calibration, and the model's lineages
 * with their refresh history.
 *
 * @param champion the version the champion alias names, null before the first
 * @param championLineage the champion's lineage, null without a champion or its metadata
 * @param challenger the version the challenger alias names, null when no experiment runs
 * @param challengerLineage the challenger's lineage, null without a challenger or its metadata
 * @param experimentId the running experiment, null when none runs
 * @param phase the running experiment's phase, null when none runs
 * @param challengerWeight the challenger's traffic in percent, 0 when no experiment runs
 * @param versions newest first
 * @param lineages the serving lineages first
 */
public record ModelsView(
        String model,
        String champion,
        LineageRef championLineage,
        String challenger,
        LineageRef challengerLineage,
        String experimentId,
        Phase phase,
        double challengerWeight,
        List<ModelCard> versions,
        List<LineageView> lineages) {}
