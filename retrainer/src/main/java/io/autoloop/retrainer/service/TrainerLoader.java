package io.autoloop.retrainer.service;

import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.SearchPlan;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.retrainer.repository.CheckpointStore;
import io.autoloop.retrainer.repository.LineageStore;
import io.autoloop.retrainer.repository.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gives each term the trainers it starts from: consumes the configured default lineage (registered in the model's
 * lineages at every start), the active lineages, the checkpoint (or, without one, each lineage's newest version in the
 * registry), the {@link TrainerSettings} and the {@link SearchPlan}, and produces the {@link LineageTrainers} of every
 * active lineage, restored or fresh, with the search of shadows if it is enabled; during the term it brings them level with the lineages again ({@link #followLineages}).
 */
@ApplicationScoped
public class TrainerLoader {

    private static final Logger LOG = Logger.getLogger(TrainerLoader.class);

    /** The name of the configured lineage; {@code default-<id prefix>} when a former configuration holds it. */
    static final String DEFAULT_NAME = "default";

    private final CheckpointStore checkpoints;
    private final ModelRegistry registry;
    private final LineageStore lineages;
    private final TrainerSettings settings;
    private final SearchPlan plan;
    private final String model;
    private final Clock clock = Clock.systemUTC();

    public TrainerLoader(
            CheckpointStore checkpoints,
            ModelRegistry registry,
            LineageStore lineages,
            TrainerSettings settings,
            SearchPlan plan,
            RetrainerConfig config) {
        this.checkpoints = checkpoints;
        this.registry = registry;
        this.lineages = lineages;
        this.settings = settings;
        this.plan = plan;
        this.model = config.modelName();
    }

    /**
     * The trainers of the checkpoint, its restore notices logged, plus a fresh trainer for each active lineage it does
     * not hold; without a checkpoint, fresh trainers whose versions follow their lineage's newest in the registry.
     *
     * @throws io.autoloop.learner.ModelFormatException if the checkpoint is corrupt: it is never silently replaced
     */
    LineageTrainers load() {
        registerDefault();
        List<Lineage> active = lineages.active();
        Optional<byte[]> saved = checkpoints.read();
        LineageTrainers trainers = saved.map(bytes -> LineageTrainers.restore(model, bytes, settings, active, plan))
                .orElseGet(() -> LineageTrainers.fresh(model, settings, plan));
        trainers.restoreNotices().forEach(LOG::warn);
        trainers.follow(active).forEach(change -> LOG.infof("Model %s: %s", model, change));
        for (Trainer trainer : trainers.trainers()) {
            if (trainer.lastVersion() == null) {
                registry.newestOfLineage(trainer.lineage().ordinal()).ifPresent(newest -> {
                    trainer.continueAfter(newest);
                    LOG.infof(
                            "Lineage %s of model %s has no checkpointed versions but versions up to %s: a fresh"
                                    + " learner continues after it",
                            trainer.lineage().ref().name(), model, newest);
                });
            }
        }
        if (saved.isPresent()) {
            LOG.infof(
                    "Resumed model %s from its checkpoint: %d lineages, offsets %s",
                    model, trainers.trainers().size(), trainers.offsets());
        }
        return trainers;
    }

    /** Trains the lineages active now: adds the new ones, drops the retired ones (each change logged). */
    void followLineages(LineageTrainers trainers) {
        trainers.follow(lineages.active()).forEach(change -> LOG.infof("Model %s: %s", model, change));
    }

    /**
     * Registers the lineage of the configured feature spec and FTRL parameters, named {@value #DEFAULT_NAME}, or
     * {@code default-<first 8 digits of its id>} when the lineage of a former configuration has that name.
     */
    private void registerDefault() {
        LineageConfig config = settings.defaultConfig();
        LineageStore.Registration registration = lineages.register(config, DEFAULT_NAME, "config", clock.instant());
        if (registration.outcome() == LineageStore.Outcome.NAME_TAKEN) {
            String name = DEFAULT_NAME + "-" + config.fingerprint().substring(0, 8);
            registration = lineages.register(config, name, "config", clock.instant());
        }
        if (registration.outcome() == LineageStore.Outcome.CREATED) {
            Lineage lineage = registration.lineage();
            LOG.infof(
                    "Model %s: registered the configured lineage %s (%s, ordinal %d): %s",
                    model, lineage.ref().name(), lineage.ref().id(), lineage.ordinal(), config.canonical());
        }
    }
}
