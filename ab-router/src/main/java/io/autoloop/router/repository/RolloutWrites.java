package io.autoloop.router.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.rollout.Experiment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes one rollout transaction makes, all or none: experiment states (each at the next revision), the analyses
 * appended to their time series, the running experiment pointer, the aliases and the waiting candidate. A value of
 * {@link Optional#empty()} deletes the key.
 */
public final class RolloutWrites {

    private final List<Experiment> experiments = new ArrayList<>();
    private final Map<String, List<AnalysisPoint>> analyses = new LinkedHashMap<>();
    private final Map<Arm, Optional<String>> aliases = new EnumMap<>(Arm.class);
    private Optional<String> running;
    private Optional<ModelVersion> candidate;

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

    /** Deletes the waiting candidate. */
    public RolloutWrites clearCandidate() {
        this.candidate = Optional.empty();
        return this;
    }

    /** Makes {@code version} the waiting candidate. */
    public RolloutWrites candidate(ModelVersion version) {
        this.candidate = Optional.of(version);
        return this;
    }

    public boolean isEmpty() {
        return experiments.isEmpty() && analyses.isEmpty() && aliases.isEmpty() && running == null && candidate == null;
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

    Optional<ModelVersion> candidatePointer() {
        return candidate;
    }
}
