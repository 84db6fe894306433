package io.autoloop.router.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.refresh.RefreshEntry;
import io.autoloop.router.domain.refresh.RefreshWatch;
import io.autoloop.router.domain.rollout.Experiment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes one rollout transaction makes, all or none: experiment states (each at the next revision), the analyses
 * appended to their time series, the running experiment pointer, the aliases, the waiting candidates, the arms the
 * refresh guard watches, the versions it reverted, the refresh history and the lineages retired. A value of
 * {@link Optional#empty()} deletes the key (or the field).
 */
public final class RolloutWrites {

    private final List<Experiment> experiments = new ArrayList<>();
    private final Map<String, List<AnalysisPoint>> analyses = new LinkedHashMap<>();
    private final Map<Arm, Optional<String>> aliases = new EnumMap<>(Arm.class);
    private final Map<Arm, Optional<RefreshWatch>> watches = new EnumMap<>(Arm.class);
    private final Map<String, String> reverted = new LinkedHashMap<>();
    private final Map<String, String> retired = new LinkedHashMap<>();
    private final List<RefreshEntry> refreshes = new ArrayList<>();
    private final Map<String, Optional<ModelVersion>> candidates = new LinkedHashMap<>();
    private Optional<String> running;

    /** Saves {@code experiment} at its next revision and returns it as saved. */
    public Experiment save(Experiment experiment) {
        Experiment saved = experiment.withRevision(experiment.revision() + 1);
        experiments.add(saved);
        return saved;
    }

    /** Appends {@code point} to the time series of the experiment {@code id}. */
    public RolloutWrites analysis(String id, AnalysisPoint point) {
        analyses.computeIfAbsent(id, key -> new ArrayList<>()).add(point);
        return this;
    }

    /** Points the model's running experiment at {@code id}, or at none when null. */
    public RolloutWrites running(String id) {
        this.running = Optional.ofNullable(id);
        return this;
    }

    /** Sets {@code arm}'s alias to {@code version}, or deletes it when null. */
    public RolloutWrites alias(Arm arm, String version) {
        aliases.put(arm, Optional.ofNullable(version));
        return this;
    }

    /** Deletes {@code version} from the waiting candidates (its lineage's field). */
    public RolloutWrites clearCandidate(ModelVersion version) {
        candidates.put(version.lineage().id(), Optional.empty());
        return this;
    }

    /** Makes {@code version} its lineage's waiting candidate, in place of an older one of the lineage. */
    public RolloutWrites candidate(ModelVersion version) {
        candidates.put(version.lineage().id(), Optional.of(version));
        return this;
    }

    /** Makes {@code watch} the refresh guard's watch of its arm. */
    public RolloutWrites watch(RefreshWatch watch) {
        watches.put(watch.arm(), Optional.of(watch));
        return this;
    }

    /** Ends the refresh guard's watch of {@code arm}, if any. */
    public RolloutWrites endWatch(Arm arm) {
        watches.put(arm, Optional.empty());
        return this;
    }

    /** Records that the refresh guard reverted {@code version}, with why, so that it is never applied again. */
    public RolloutWrites reverted(String version, String reason) {
        reverted.put(version, reason);
        return this;
    }

    /** Appends {@code entry} to the model's refresh history. */
    public RolloutWrites refresh(RefreshEntry entry) {
        refreshes.add(entry);
        return this;
    }

    /** Retires the lineage {@code lineageId} with why: the retrainer stops training it. */
    public RolloutWrites retire(String lineageId, String reason) {
        retired.put(lineageId, reason);
        return this;
    }

    public boolean isEmpty() {
        return experiments.isEmpty()
                && analyses.isEmpty()
                && aliases.isEmpty()
                && running == null
                && candidates.isEmpty()
                && watches.isEmpty()
                && reverted.isEmpty()
                && retired.isEmpty()
                && refreshes.isEmpty();
    }

    List<Experiment> experiments() {
        return experiments;
    }

    Map<String, List<AnalysisPoint>> analyses() {
        return analyses;
    }

    Map<Arm, Optional<String>> aliases() {
        return aliases;
    }

    Optional<String> runningPointer() {
        return running;
    }

    Map<String, Optional<ModelVersion>> candidates() {
        return candidates;
    }

    Map<Arm, Optional<RefreshWatch>> watches() {
        return watches;
    }

    Map<String, String> revertedVersions() {
        return reverted;
    }

    Map<String, String> retiredLineages() {
        return retired;
    }

    List<RefreshEntry> refreshes() {
        return refreshes;
    }
}
