package io.autoloop.retrainer.service;

import io.autoloop.contracts.AuditEntry;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.Candidate;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.ModelRegistry;
import io.autoloop.retrainer.repository.TrainerLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Moves candidates of the {@link Trainer} into the registry: consumes a trainer with a due (or forced) candidate and
 * produces the gate decision, and for a candidate that passed, the model bytes, {@code ModelVersion} and checkpoint in
 * Redis (one fenced script) and the announcement on {@code model.versions}. Every decision is counted
 * ({@code autoloop.models.gate}), logged with its numbers, kept for {@code GET /v1/models/candidates} and written to
 * {@code audit.log}. Also reads the champion the gate compares with.
 */
@ApplicationScoped
public class ModelPublisher {

    private static final Logger LOG = Logger.getLogger(ModelPublisher.class);

    /** The service name in audit entries, and the actor of scheduled candidates. */
    static final String SERVICE = "retrainer";

    private final ModelRegistry registry;
    private final TrainerEvents events;
    private final TrainerLease lease;
    private final TrainerMonitor monitor;
    private final double margin;

    /** The snapshot this instance published last: the usual next champion, kept to spare a registry read. */
    private volatile ModelSnapshot lastPublished;

    public ModelPublisher(
            ModelRegistry registry,
            TrainerEvents events,
            TrainerLease lease,
            TrainerMonitor monitor,
            RetrainerConfig config) {
        this.registry = registry;
        this.events = events;
        this.lease = lease;
        this.monitor = monitor;
        this.margin = config.gate().margin();
    }

    /**
     * The version the gate compares with: the champion alias, or the newest version when the router has named no
     * champion; empty when the registry is empty.
     */
    public Optional<String> championVersion() {
        return registry.championVersion();
    }

    /**
     * The weights of a published version.
     *
     * @throws io.autoloop.learner.ModelFormatException if its bytes are corrupt
     * @throws IllegalStateException if the registry holds no bytes for it
     */
    public ModelSnapshot load(String version) {
        ModelSnapshot published = lastPublished;
        if (published != null && published.provenance().version().equals(version)) {
            return published;
        }
        byte[] bytes = registry.modelBytes(version)
                .orElseThrow(() -> new IllegalStateException("Version " + version + " of model "
                        + registry.keys().name() + " is named in the registry, but its bytes are missing."));
        return ModelCodec.read(bytes);
    }

    /** The newest published version with its feature spec fingerprint, to continue a registry without checkpoint. */
    public Optional<Map.Entry<String, String>> newest() {
        return registry.newestVersion()
                .flatMap(version -> registry.modelBytes(version)
                        .map(bytes -> Map.entry(
                                version, ModelCodec.read(bytes).featureSpec().fingerprint())));
    }

    /** Whether no version is published yet. */
    public boolean registryEmpty() {
        return registry.size() == 0;
    }

    /** Publishes the learner's current state as the first version of an empty registry, without a gate. */
    public GateDecision publishInitial(Trainer trainer, Instant now) {
        return decide(trainer, trainer.initial(now), "initial", SERVICE, now);
    }

    /**
     * Freezes a candidate, judges it and publishes it if it passes.
     *
     * @param trigger {@code schedule} or {@code forced}
     * @param actor who asked
     * @throws IllegalStateException when the registry refuses the version or the lease is lost; the trainer's
     *     in-memory state is then ahead of the registry and must be restored from the checkpoint
     */
    public GateDecision attempt(Trainer trainer, String trigger, String actor, Instant now) {
        return decide(trainer, trainer.propose(now), trigger, actor, now);
    }

    /** Announces the last published version again if a crash came between its publish and its announcement. */
    public void announcePending(Trainer trainer) {
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

    private GateDecision decide(Trainer trainer, Candidate candidate, String trigger, String actor, Instant now) {
        GateDecision decision = GateDecision.of(candidate, trigger, actor, trainer.championVersion(), margin, now);
        if (decision.published()) {
            publish(trainer, candidate, now);
        } else {
            trainer.rejected();
        }
        monitor.gate(decision);
        registry.recordGateDecision(decision);
        log(decision);
        events.audit(audit(decision, now));
        return decision;
    }

    private void publish(Trainer trainer, Candidate candidate, Instant now) {
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
                registry.keys().bytes(version));
        trainer.published(candidate);
        ModelRegistry.PublishResult result = registry.publish(lease, meta, bytes, trainer.checkpoint(now));
        if (result != ModelRegistry.PublishResult.PUBLISHED) {
            throw new IllegalStateException("The registry refused " + trainer.name() + " " + version + ": "
                    + (result == ModelRegistry.PublishResult.LEASE_LOST
                            ? "this instance no longer holds the trainer lease."
                            : "that version already exists, so another writer publishes this model too."));
        }
        lastPublished = model;
        monitor.published(bytes.length, model.nonZeroWeights());
        events.announce(meta);
        trainer.announced(version);
    }

    private static void log(GateDecision decision) {
        MDC.put("model", decision.model());
        MDC.put("candidateVersion", decision.version());
        MDC.put("gateOutcome", decision.outcome());
        MDC.put("gateReason", decision.reason().wireName());
        MDC.put("candidateLogLoss", Double.toString(decision.candidateLogLoss()));
        MDC.put("championLogLoss", Double.toString(decision.championLogLoss()));
        try {
            if (decision.published()) {
                LOG.infof(
                        "Published %s %s (%s, %s): %s",
                        decision.model(),
                        decision.version(),
                        decision.trigger(),
                        decision.reason().wireName(),
                        decision.detail());
            } else {
                LOG.warnf(
                        "Rejected the candidate %s %s (%s): %s %s",
                        decision.model(),
                        decision.version(),
                        decision.trigger(),
                        decision.reason().wireName(),
                        decision.detail());
            }
        } finally {
            MDC.remove("model");
            MDC.remove("candidateVersion");
            MDC.remove("gateOutcome");
            MDC.remove("gateReason");
            MDC.remove("candidateLogLoss");
            MDC.remove("championLogLoss");
        }
    }

    private static AuditEntry audit(GateDecision decision, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", decision.version());
        putIfPresent(details, "parent", decision.parent());
        putIfPresent(details, "champion", decision.champion());
        details.put("trigger", decision.trigger());
        details.put("samplesSeen", decision.samplesSeen());
        details.put("holdoutSamples", decision.holdoutSamples());
        details.put("candidateLogLoss", decision.candidateLogLoss());
        details.put("championLogLoss", decision.championLogLoss());
        details.put("standardError", decision.standardError());
        details.put("margin", decision.margin());
        details.put("predictionSpread", decision.predictionSpread());
        details.put("detail", decision.detail());
        return new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                now,
                SERVICE,
                decision.actor(),
                decision.model(),
                decision.published() ? "model-published" : "candidate-rejected",
                decision.reason().wireName(),
                details);
    }

    private static void putIfPresent(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
