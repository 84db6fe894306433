package io.autoloop.retrainer.service;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.retrainer.repository.CheckpointStore;
import io.autoloop.retrainer.repository.PublishedModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Gives each term the trainer it starts from: consumes the checkpoint (or, without one, the registry's newest version)
 * and the {@link TrainerSettings}, and produces the restored {@link Trainer}, or a fresh one whose next version
 * follows the registry's newest.
 */
@ApplicationScoped
public class TrainerLoader {

    private static final Logger LOG = Logger.getLogger(TrainerLoader.class);

    private final CheckpointStore checkpoints;
    private final PublishedModels models;
    private final TrainerSettings settings;
    private final String model;

    public TrainerLoader(
            CheckpointStore checkpoints, PublishedModels models, TrainerSettings settings, RetrainerConfig config) {
        this.checkpoints = checkpoints;
        this.models = models;
        this.settings = settings;
        this.model = config.modelName();
    }

    /**
     * The trainer of the checkpoint, its restore notices logged; without a checkpoint, a fresh trainer.
     *
     * @throws io.autoloop.learner.ModelFormatException if the checkpoint is corrupt: it is never silently replaced
     */
    Trainer load() {
        Optional<byte[]> saved = checkpoints.read();
        if (saved.isPresent()) {
            Trainer trainer = Trainer.restore(saved.get(), settings);
            trainer.restoreNotices().forEach(LOG::warn);
            LOG.infof(
                    "Resumed model %s from its checkpoint: %d samples trained, %d records consumed, last version %s",
                    model, trainer.samplesSeen(), trainer.recordsConsumed(), trainer.lastVersion());
            return trainer;
        }
        Trainer trainer = Trainer.fresh(model, settings);
        models.newest().ifPresent(newest -> {
            trainer.continueAfter(newest.version(), newest.specFingerprint());
            LOG.infof(
                    "Model %s has no checkpoint but versions up to %s: a fresh learner continues after it",
                    model, newest.version());
        });
        return trainer;
    }
}
