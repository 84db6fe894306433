package io.autoloop.retrainer.service;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.Candidate;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.domain.PublishSchedule;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.repository.PublishedModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Takes the trainer's candidates through the validation gate: consumes the {@link Trainer}, the admin's
 * {@link PublishRequests} and the {@link PublishSchedule}, and produces a {@link GateDecision} for each candidate
 * judged; a candidate that passed goes to the {@link ModelPublisher}, and every decision to the
 * {@link GateDecisionRecorder}. It also keeps the trainer's holdout window scored with the champion the registry
 * names, the model every candidate is compared with.
 */
@ApplicationScoped
public class CandidateGate {

    private static final Logger LOG = Logger.getLogger(CandidateGate.class);

    private final ModelPublisher publisher;
    private final GateDecisionRecorder recorder;
    private final PublishedModels models;
    private final PublishRequests requests;
    private final double margin;

    public CandidateGate(
            ModelPublisher publisher,
            GateDecisionRecorder recorder,
            PublishedModels models,
            PublishRequests requests,
            RetrainerConfig config) {
        this.publisher = publisher;
        this.recorder = recorder;
        this.models = models;
        this.requests = requests;
        this.margin = config.gate().margin();
    }

    /**
     * Brings the registry level with a trainer that starts a term: announces again a version whose announcement a
     * crash cut off, and publishes the trainer's current state as {@code 0.1.0}, without a gate, into an empty
     * registry.
     */
    void catchUp(Trainer trainer, Instant now) {
        publisher.announcePending(trainer);
        if (models.isEmpty()) {
            decide(trainer, trainer.initial(now), "initial", GateReport.SERVICE, now);
        }
    }

    /**
     * Scores the trainer's holdout window with the registry's champion from now on, if it names another one than the
     * window was scored with (the window then starts over).
     */
    void followChampion(Trainer trainer) {
        String version = models.championVersion().orElse(null);
        if (Objects.equals(version, trainer.championVersion())) {
            return;
        }
        trainer.championChanged(version, version == null ? null : models.load(version));
        LOG.infof("Model %s: the holdout window is now scored with champion %s", trainer.name(), version);
    }

    /**
     * Judges the candidates due at {@code now}: one per waiting admin request (trigger {@code forced}), or else one
     * if the {@code schedule} says it is due (trigger {@code schedule}); the schedule learns of every attempt.
     *
     * @return the decisions, in order; empty when no candidate was due
     * @throws IllegalStateException when the registry refuses a version or the lease is lost; the trainer's in-memory
     *     state is then ahead of the registry and must be restored from the checkpoint
     */
    List<GateDecision> judgeDue(Trainer trainer, PublishSchedule schedule, Instant now) {
        List<GateDecision> decisions =
                requests.answerAll(actor -> decide(trainer, trainer.propose(now), "forced", actor, now));
        if (decisions.isEmpty() && schedule.due(trainer.samplesSinceLastAttempt(), trainer.canJudge(), now)) {
            decisions = List.of(decide(trainer, trainer.propose(now), "schedule", GateReport.SERVICE, now));
        }
        if (!decisions.isEmpty()) {
            schedule.attempted(now);
        }
        return decisions;
    }

    private GateDecision decide(Trainer trainer, Candidate candidate, String trigger, String actor, Instant now) {
        GateDecision decision = GateDecision.of(candidate, trigger, actor, trainer.championVersion(), margin, now);
        if (decision.published()) {
            publisher.publish(trainer, candidate, now);
        } else {
            trainer.rejected();
        }
        recorder.record(decision);
        return decision;
    }
}
