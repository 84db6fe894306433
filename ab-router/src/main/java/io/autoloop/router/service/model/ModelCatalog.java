package io.autoloop.router.service.model;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.LineageView;
import io.autoloop.router.domain.dashboard.ModelCard;
import io.autoloop.router.domain.dashboard.TrainingView;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.service.experiment.AnalyzerFeed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the router's model for the dashboard: the newest {@value #VERSIONS_SHOWN} versions of the Redis registry (and
 * the aliased ones), each version's {@code ModelVersion} metadata, the aliases and running experiment, this replica's
 * verification failures, the newest {@code ErrorReport} of each version from the {@link AnalyzerFeed}, the model's
 * lineages with the retired ones and the refresh history ({@link LineageView}), and the retrainer's report on the
 * training ({@link TrainingView}).
 */
@ApplicationScoped
public class ModelCatalog {

    /** Versions listed besides the aliased ones. */
    static final int VERSIONS_SHOWN = 20;

    private final ModelRegistry registry;
    private final ExperimentRepository experiments;
    private final ModelStore store;
    private final AnalyzerFeed feed;
    private final String model;

    public ModelCatalog(
            ModelRegistry registry,
            ExperimentRepository experiments,
            ModelStore store,
            AnalyzerFeed feed,
            RouterConfig config) {
        this.registry = registry;
        this.experiments = experiments;
        this.store = store;
        this.feed = feed;
        this.model = config.modelName();
    }

    /** The model's versions, aliases and running experiment as they are now. */
    public ModelsView models() {
        RolloutState state = experiments.state(model);
        String champion = state.champion();
        String challenger = registry.alias(model, Arm.CHALLENGER).orElse(null);
        Set<String> versions = new LinkedHashSet<>(registry.newestVersions(model, VERSIONS_SHOWN));
        if (champion != null) {
            versions.add(champion);
        }
        if (challenger != null) {
            versions.add(challenger);
        }
        List<ModelVersion> metadata = versions.stream()
                .map(version -> registry.metadata(model, version))
                .flatMap(Optional::stream)
                .toList();
        List<ModelCard> cards = metadata.stream()
                .map(meta -> ModelCard.of(
                        meta,
                        meta.version().equals(champion)
                                ? Arm.CHAMPION
                                : meta.version().equals(challenger) ? Arm.CHALLENGER : null,
                        store.rejection(meta.version()).orElse(null),
                        feed.report(meta.version()).orElse(null)))
                .toList();
        Map<Arm, ModelVersion> serving = new EnumMap<>(Arm.class);
        metadata.stream()
                .filter(meta -> meta.version().equals(champion))
                .findFirst()
                .ifPresent(meta -> serving.put(Arm.CHAMPION, meta));
        metadata.stream()
                .filter(meta -> meta.version().equals(challenger))
                .findFirst()
                .ifPresent(meta -> serving.put(Arm.CHALLENGER, meta));
        Experiment running = state.running();
        return new ModelsView(
                model,
                champion,
                lineageOf(serving.get(Arm.CHAMPION)),
                challenger,
                lineageOf(serving.get(Arm.CHALLENGER)),
                running == null ? null : running.id(),
                running == null ? null : running.phase(),
                running == null ? 0.0 : running.challengerWeight(),
                cards,
                LineageView.of(
                        registry.lineages(model),
                        serving,
                        metadata,
                        experiments.retiredLineages(model),
                        experiments.refreshes(model)));
    }

    private static LineageRef lineageOf(ModelVersion version) {
        return version == null ? null : version.lineage();
    }

    /** The model's training as its active retrainer last reported it, with its alerts now. */
    public TrainingView training() {
        return TrainingView.of(model, registry.trainerHealth(model).orElse(null), Instant.now());
    }
}
