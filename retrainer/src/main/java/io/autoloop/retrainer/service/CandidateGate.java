package io.autoloop.retrainer.service;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.Candidate;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.PublishSchedule;
import io.autoloop.retrainer.domain.ServedVersions;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.repository.PublishedModels;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Takes the candidates of every lineage's trainer through the validation gate: consumes the {@link LineageTrainers},
 * the admin's {@link PublishRequests} and a {@link PublishSchedule} per lineage, and produces a {@link GateDecision}
 * for each candidate judged; a candidate that passed goes to the {@link ModelPublisher}, and every decision to the
 * {@link GateDecisionRecorder}. It also keeps each trainer's holdout window scored with the version its candidates
 * would replace ({@link ServedVersions}), the model every candidate is compared with.
 */
@ApplicationScoped
public class CandidateGate {

    private static final Logger LOG = Logger.getLogger(CandidateGate.class);

    private final ModelPublisher publisher;
    private final GateDecisionRecorder recorder;
    private final PublishedModels models;
    private final PublishRequests requests;
    private final double margin;
    private final long everySamples;
    private final Duration every;

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
        this.everySamples = config.publish().everySamples();
        this.every = config.publish().every();
    }

    /**
     * Brings the registry level with trainers that start a term: announces again a version whose announcement a crash
     * cut off, and publishes the first lineage's current state as its first version, without a gate, into an empty
     * registry.
     */
    void catchUp(LineageTrainers trainers, Instant now) {
        trainers.trainers().forEach(publisher::announcePending);
        if (models.isEmpty() && !trainers.trainers().isEmpty()) {
            Trainer first = trainers.trainers().get(0);
            decide(trainers, first, first.initial(now), "initial", GateReport.SERVICE, now);
        }
    }

    /**
     * Scores every trainer's holdout window, from now on, with the version its candidates would replace (see
     * {@link ServedVersions}): the challenger's version for the lineage serving the challenger arm, the champion for
     * every other. A refresh of the lineage the window was scored with keeps the window; a version of another lineage
     * (a promotion, an experiment's start or end) starts it over.
     */
    void followServed(LineageTrainers trainers) {
        ServedVersions served = models.served();
        for (Trainer trainer : trainers.trainers()) {
            ServedVersions.Reference reference =
                    served.referenceFor(trainer.lineage().ordinal());
            if (reference.equals(trainer.reference())) {
                continue;
            }
            boolean restarted = trainer.referenceChanged(
                    reference, reference.version() == null ? null : models.load(reference.version()));
            LOG.infof(
                    "Model %s: the holdout window of lineage %s %s %s %s",
                    trainers.model(),
                    trainer.lineage().ref().name(),
                    restarted ? "starts over, scored with" : "goes on, its new samples scored with",
                    reference.arm() == null ? "no version" : reference.arm().wireName(),
                    reference.version() == null ? "" : reference.version());
        }
    }

    /**
     * Judges the candidates due at {@code now}: one of the first lineage per waiting admin request (trigger
     * {@code forced}), and one of each lineage whose own schedule says it is due (trigger {@code schedule}); each
     * lineage's schedule (made at {@code now} for a lineage that has none yet) learns of its attempts.
     *
     * @return the decisions, in order; empty when no candidate was due
     * @throws IllegalStateException when the registry refuses a version or the lease is lost; the trainers' in-memory
     *     state is then ahead of the registry and must be restored from the checkpoint
     */
    List<GateDecision> judgeDue(LineageTrainers trainers, Map<String, PublishSchedule> schedules, Instant now) {
        List<GateDecision> decisions = new ArrayList<>();
        for (Trainer trainer : trainers.trainers()) {
            PublishSchedule schedule = schedules.computeIfAbsent(
                    trainer.lineage().ref().id(), id -> new PublishSchedule(everySamples, every, now));
            List<GateDecision> judged = trainer == trainers.trainers().get(0)
                    ? requests.answerAll(actor -> decide(trainers, trainer, trainer.propose(now), "forced", actor, now))
                    : List.of();
            if (judged.isEmpty() && schedule.due(trainer.samplesSinceLastAttempt(), trainer.canJudge(), now)) {
                judged = List.of(decide(trainers, trainer, trainer.propose(now), "schedule", GateReport.SERVICE, now));
            }
            if (!judged.isEmpty()) {
                schedule.attempted(now);
                decisions.addAll(judged);
            }
        }
        return decisions;
    }

    private GateDecision decide(
            LineageTrainers trainers, Trainer trainer, Candidate candidate, String trigger, String actor, Instant now) {
        GateDecision decision = GateDecision.of(candidate, trigger, actor, trainer.referenceVersion(), margin, now);
        if (decision.published()) {
            publisher.publish(trainers, trainer, candidate, now);
        } else {
            trainer.rejected();
        }
        recorder.record(decision);
        return decision;
    }
}
