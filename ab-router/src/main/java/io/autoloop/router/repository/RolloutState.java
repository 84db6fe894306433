package io.autoloop.router.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.domain.refresh.RefreshWatch;
import io.autoloop.router.domain.rollout.Experiment;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Redis says about one model's rollout, read inside one optimistic transaction.
 *
 * @param champion the champion alias, null when unset
 * @param running the model's running experiment, null when none runs
 * @param candidates the gate-passed versions waiting for the controller, by lineage id: each lineage's newest
 * @param watches the arms the refresh guard watches
 * @param reverted the versions the refresh guard reverted, which are never applied again
 * @param retiredLineages the ids of the model's lineages that stopped training
 */
public record RolloutState(
        String champion,
        Experiment running,
        Map<String, ModelVersion> candidates,
        Map<Arm, RefreshWatch> watches,
        Set<String> reverted,
        Set<String> retiredLineages) {

    public RolloutState {
        candidates = Map.copyOf(Objects.requireNonNullElse(candidates, Map.of()));
        watches = Map.copyOf(Objects.requireNonNullElse(watches, Map.of()));
        reverted = Set.copyOf(Objects.requireNonNullElse(reverted, Set.of()));
        retiredLineages = Set.copyOf(Objects.requireNonNullElse(retiredLineages, Set.of()));
    }

    /** The state of a model without refreshes: no arm watched, nothing reverted or retired. */
    public RolloutState(String champion, Experiment running, Map<String, ModelVersion> candidates) {
        this(champion, running, candidates, Map.of(), Set.of(), Set.of());
    }

    /** The waiting candidates in the order the controller settles them: the one created first first. */
    public List<ModelVersion> waiting() {
        return candidates.values().stream()
                .sorted(Comparator.comparing(ModelVersion::createdAt).thenComparing(ModelVersion::version))
                .toList();
    }
}
