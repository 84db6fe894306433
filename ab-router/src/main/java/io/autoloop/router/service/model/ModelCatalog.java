package io.autoloop.router.service.model;

import io.autoloop.contracts.Arm;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.ModelCard;
import io.autoloop.router.domain.dashboard.TrainingView;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.service.experiment.AnalyzerFeed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the router's model for the dashboard: the newest {@value #VERSIONS_SHOWN} versions of the Redis registry (and
 * the aliased ones), each version's {@code ModelVersion} metadata, the aliases and running experiment, this replica's
 * verification failures, the newest {@code ErrorReport} of each version from the {@link AnalyzerFeed}, and the
 * retrainer's report on the training ({@link TrainingView}).
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
        List<ModelCard> cards = versions.stream()
                .map(version -> registry.metadata(model, version)
                        .map(meta -> ModelCard.of(
                                meta,
                                version.equals(champion)
                                        ? Arm.CHAMPION
                                        : version.equals(challenger) ? Arm.CHALLENGER : null,
                                store.rejection(version).orElse(null),
                                feed.report(version).orElse(null))))
                .flatMap(Optional::stream)
                .toList();
        Experiment running = state.running();
        return new ModelsView(
                model,
                champion,
                challenger,
                running == null ? null : running.id(),
                running == null ? null : running.phase(),
                running == null ? 0.0 : running.challengerWeight(),
                cards);
    }

    /** The model's training as its active retrainer last reported it, with its alerts now. */
    public TrainingView training() {
        return TrainingView.of(model, registry.trainerHealth(model).orElse(null), Instant.now());
    }
}
