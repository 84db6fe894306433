package io.autoloop.retrainer.service;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.Candidate;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.ModelRegistry;
import io.autoloop.retrainer.repository.PublishedModels;
import io.autoloop.retrainer.repository.TrainerLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;
import org.jboss.logging.Logger;

/**
 * Publishes candidates that passed the gate: consumes a lineage's {@link Trainer} and its {@link Candidate} and produces
 * the model bytes, {@code ModelVersion} (naming the lineage) and the checkpoint of every lineage in Redis (one script,
 * fenced by the trainer lease), the announcement on {@code model.versions}, and then the deletion of the versions the
 * registry no longer keeps ({@code retrainer.registry.keep-per-lineage}); at the start of a term it announces again a
 * version whose announcement a crash cut off.
 */
@ApplicationScoped
public class ModelPublisher {

    private static final Logger LOG = Logger.getLogger(ModelPublisher.class);

    private final ModelRegistry registry;
    private final PublishedModels models;
    private final TrainerEvents events;
    private final TrainerLease lease;
    private final TrainerMonitor monitor;
    private final int keepPerLineage;

    public ModelPublisher(
            ModelRegistry registry,
            PublishedModels models,
            TrainerEvents events,
            TrainerLease lease,
            TrainerMonitor monitor,
            RetrainerConfig config) {
        this.registry = registry;
        this.models = models;
        this.events = events;
        this.lease = lease;
        this.monitor = monitor;
        this.keepPerLineage = config.registry().keepPerLineage();
    }

    /**
     * Writes {@code candidate} of {@code trainer}'s lineage to the registry with the checkpoint of all
     * {@code trainers}, announces it, then prunes the registry.
     *
     * @throws IllegalStateException when the registry refuses the version or the lease is lost; the trainer's
     *     in-memory state is then ahead of the registry and must be restored from the checkpoint
     */
    void publish(LineageTrainers trainers, Trainer trainer, Candidate candidate, Instant now) {
        ModelSnapshot model = candidate.model();
        byte[] bytes = ModelCodec.write(model);
        String version = candidate.version().toString();
        ModelVersion meta = new ModelVersion(
                ModelVersion.SCHEMA_VERSION,
                trainer.name(),
                version,
                model.provenance().parentVersion(),
                model.provenance().createdAt(),
                model.provenance().samplesSeen(),
                candidate.metrics(),
                DigestUtils.sha256Hex(bytes),
                registry.keys().bytes(version),
                candidate.lineage());
        trainer.published(candidate);
        ModelRegistry.PublishResult result = registry.publish(lease, meta, bytes, trainers.checkpoint(now));
        if (result != ModelRegistry.PublishResult.PUBLISHED) {
            throw new IllegalStateException("The registry refused " + trainer.name() + " " + version + ": "
                    + (result == ModelRegistry.PublishResult.LEASE_LOST
                            ? "this instance no longer holds the trainer lease."
                            : "that version already exists, so another writer publishes this model too."));
        }
        models.published(model);
        monitor.published(bytes.length, model.nonZeroWeights());
        events.announce(meta);
        trainer.announced(version);
        long deleted = registry.prune(keepPerLineage);
        if (deleted > 0) {
            LOG.infof(
                    "Model %s: deleted %d versions beyond the newest %d of each lineage that nothing names",
                    trainer.name(), deleted, keepPerLineage);
        }
    }

    /** Announces the last published version again if a crash came between its publish and its announcement. */
    void announcePending(Trainer trainer) {
        String pending = trainer.unannouncedVersion();
        if (pending == null) {
            return;
        }
        Optional<ModelVersion> meta = registry.version(pending);
        if (meta.isPresent()) {
            events.announce(meta.get());
            LOG.infof(
                    "Announced %s %s again: it was published but its announcement was not confirmed",
                    meta.get().name(), pending);
        }
        trainer.announced(pending);
    }
}
