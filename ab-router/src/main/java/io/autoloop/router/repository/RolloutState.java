package io.autoloop.router.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.domain.refresh.RefreshWatch;
import io.autoloop.router.domain.rollout.Experiment;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Redis says about one model's rollout, read inside one optimistic transaction.
 *
 * @param champion the champion alias, null when unset
 * @param running the model's running experiment, null when none runs
 * @param candidate the newest gate-passed version waiting for an experiment, null when none waits
 * @param watches the arms the refresh guard watches
 * @param reverted the versions the refresh guard reverted, which are never applied again
 * @param retiredLineages the ids of the model's lineages that stopped training
 */
public record RolloutState(
        String champion,
        Experiment running,
        ModelVersion candidate,
        Map<Arm, RefreshWatch> watches,
        Set<String> reverted,
        Set<String> retiredLineages) {

    public RolloutState {
        watches = Map.copyOf(Objects.requireNonNullElse(watches, Map.of()));
        reverted = Set.copyOf(Objects.requireNonNullElse(reverted, Set.of()));
        retiredLineages = Set.copyOf(Objects.requireNonNullElse(retiredLineages, Set.of()));
    }

    /** The state of a model without refreshes: no arm watched, nothing reverted or retired. */
    public RolloutState(String champion, Experiment running, ModelVersion candidate) {
        this(champion, running, candidate, Map.of(), Set.of(), Set.of());
    }
}
