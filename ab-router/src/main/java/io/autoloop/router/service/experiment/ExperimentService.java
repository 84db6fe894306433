package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.CandidatePolicy;
import io.autoloop.router.domain.rollout.Change;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.domain.rollout.RolloutPolicy;
import io.autoloop.router.domain.rollout.Transition;
import io.autoloop.router.domain.serving.Bucketing;
import io.autoloop.router.messaging.AuditLog;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ExperimentRepository.Plan;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.repository.RolloutWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies rollout events to the model's experiments: runs {@link Rollout} on the state read inside one Redis
 * transaction, writes the new state with the aliases and pointers it implies, and publishes each transition to
 * {@code audit.log}. Used by the controller (automatic events) and the admin API (manual ones) alike.
 *
 * <p>Side effects of phases: creating an experiment sets the challenger alias; reaching {@code PROMOTING} completes
 * the promotion in the same transaction (champion alias := challenger, challenger alias removed); rolling back
 * removes the challenger alias; an experiment that ends stops being the model's running experiment.
 */
@ApplicationScoped
public class ExperimentService {

    private static final Logger LOG = Logger.getLogger(ExperimentService.class);

    private final ExperimentRepository repository;
    private final AuditLog audit;
    private final AnalyzerFeed feed;
    private final Rollout rollout;
    private final String model;

    public ExperimentService(ExperimentRepository repository, AuditLog audit, AnalyzerFeed feed, RouterConfig config) {
        this.repository = repository;
        this.audit = audit;
        this.feed = feed;
        this.rollout = new Rollout(policyOf(config));
        this.model = config.modelName();
    }

    /** The rollout policy the configuration describes. */
    public static RolloutPolicy policyOf(RouterConfig config) {
        RouterConfig.Experiment experiment = config.experiment();
        RouterConfig.Guardrails guardrails = config.guardrails();
        return new RolloutPolicy(
                experiment.steps().stream().map(Bucketing::bucketsOf).toList(),
                experiment.minExposure(),
                experiment.minImpressions(),
                experiment.gainThreshold(),
                experiment.mixtureSd(),
                experiment.disasterMixtureSd(),
                experiment.alpha(),
                experiment.harmAlpha(),
                experiment.futilityAlpha(),
                experiment.srmAlpha(),
                new GuardrailLimits(
                        guardrails.maxErrorRate(),
                        guardrails.maxP99Latency().toNanos() / 1e6,
                        guardrails.minRequests(),
                        guardrails.calibrationLow(),
                        guardrails.calibrationHigh(),
                        guardrails.minCalibrationSamples(),
                        guardrails.failuresToRollback()),
                experiment.settleTime(),
                experiment.windowRetention(),
                experiment.maxDuration());
    }

    /** The model this service rolls out. */
    public String model() {
        return model;
    }

    /**
     * Applies {@code event} to the experiment {@code id}, which must be the model's running experiment.
     *
     * @return the experiment as saved
     * @throws ExperimentNotFoundException when no such experiment exists
     * @throws io.autoloop.router.domain.rollout.IllegalTransitionException when it is over or the event is not allowed now
     */
    public Experiment apply(String id, RolloutEvent event) {
        Outcome outcome = repository.transact(model, state -> {
            Experiment running = state.running();
            if (running == null || !running.id().equals(id)) {
                Experiment other = repository.find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
                if (!other.model().equals(model)) {
                    throw new ForeignExperimentException(id, other.model(), model);
                }
                rollout.next(other, event);
                throw new IllegalStateException("Experiment " + id + " is not the running experiment of " + model
                        + " although it has not ended; its state is inconsistent.");
            }
            RolloutWrites writes = new RolloutWrites();
            List<Recorded> recorded = new ArrayList<>();
            Experiment saved = advance(running, event, writes, recorded);
            return new Plan<>(writes, new Outcome(CandidatePolicy.Decision.IGNORE, null, saved, recorded));
        });
        publish(outcome);
        return outcome.experiment();
    }

    /**
     * Decides what becomes of the waiting candidate ({@link CandidatePolicy}) and applies it.
     *
     * @param championCreatedAt when the champion was created, or null when unknown; a candidate that is not newer is
     *     dropped (a replayed announcement)
     */
    public CandidatePolicy.Decision handleCandidate(Instant championCreatedAt, Instant now) {
        Outcome outcome = repository.transact(model, state -> decide(state, championCreatedAt, now));
        publish(outcome);
        if (outcome.decision() == CandidatePolicy.Decision.BECOME_CHAMPION) {
            audit.recordModel(
                    model,
                    "model.champion",
                    Rollout.CONTROLLER,
                    "The first gate-passed version " + outcome.version() + " became the champion.",
                    Map.of("version", outcome.version()));
        }
        return outcome.decision();
    }

    /** Makes {@code version} the champion when the model has neither a champion nor a running experiment. */
    public boolean adoptChampion(String version) {
        boolean adopted = repository.transact(model, state -> {
            if (state.champion() != null || state.running() != null) {
                return new Plan<>(new RolloutWrites(), false);
            }
            return new Plan<>(new RolloutWrites().alias(Arm.CHAMPION, version), true);
        });
        if (adopted) {
            audit.recordModel(
                    model,
                    "model.champion",
                    Rollout.CONTROLLER,
                    "No champion alias was set; the newest registry version " + version + " became the champion.",
                    Map.of("version", version));
        }
        return adopted;
    }

    private Plan<Outcome> decide(RolloutState state, Instant championCreatedAt, Instant now) {
        ModelVersion candidate = state.candidate();
        RolloutWrites writes = new RolloutWrites();
        if (candidate == null) {
            return new Plan<>(writes, new Outcome(CandidatePolicy.Decision.WAIT, null, null, List.of()));
        }
        CandidatePolicy.Decision decision =
                CandidatePolicy.decide(state.champion(), state.running(), candidate.version());
        if (championCreatedAt != null
                && !candidate.createdAt().isAfter(championCreatedAt)
                && decision != CandidatePolicy.Decision.BECOME_CHAMPION) {
            decision = CandidatePolicy.Decision.IGNORE;
        }
        List<Recorded> recorded = new ArrayList<>();
        Experiment saved = null;
        switch (decision) {
            case BECOME_CHAMPION ->
                writes.alias(Arm.CHAMPION, candidate.version()).clearCandidate();
            case IGNORE -> writes.clearCandidate();
            case WAIT -> {
                // The running challenger already serves traffic: the candidate keeps waiting for the experiment to end.
            }
            case START_EXPERIMENT, REPLACE_CHALLENGER -> {
                if (decision == CandidatePolicy.Decision.REPLACE_CHALLENGER) {
                    advance(state.running(), new RolloutEvent.Superseded(now, candidate.version()), writes, recorded);
                }
                Experiment created = rollout.create(
                        model + "-" + candidate.version() + "-"
                                + UUID.randomUUID().toString().substring(0, 8),
                        model,
                        state.champion(),
                        candidate.version(),
                        UUID.randomUUID().toString(),
                        now,
                        "The version " + candidate.version() + " passed the retrainer's gate; it challenges "
                                + state.champion() + ".");
                saved = writes.save(created);
                recorded.add(new Recorded(saved, created.history().get(0)));
                writes.running(saved.id())
                        .alias(Arm.CHALLENGER, candidate.version())
                        .clearCandidate();
            }
        }
        return new Plan<>(writes, new Outcome(decision, candidate.version(), saved, recorded));
    }

    /**
     * Applies {@code event}, and the promotion that {@code PROMOTING} calls for, adding the writes they need; an
     * analysis is also appended to the experiment's time series, at the phase and weight it was made at.
     */
    private Experiment advance(
            Experiment experiment, RolloutEvent event, RolloutWrites writes, List<Recorded> recorded) {
        Change change = rollout.next(experiment, event);
        List<Transition> transitions = new ArrayList<>();
        change.transition().ifPresent(transitions::add);
        Experiment next = change.experiment();
        Analysis analysis = next.lastAnalysis();
        if (event instanceof RolloutEvent.Analysed
                && analysis != null
                && analysis.at().equals(event.at())) {
            writes.analysis(next.id(), AnalysisPoint.of(analysis, experiment.phase(), experiment.challengerWeight()));
        }
        if (next.phase() == Phase.PROMOTING) {
            Change completed = rollout.next(next, new RolloutEvent.PromotionApplied(event.at()));
            completed.transition().ifPresent(transitions::add);
            next = completed.experiment();
            writes.alias(Arm.CHAMPION, next.challenger());
        }
        if (next.phase().isTerminal()) {
            writes.alias(Arm.CHALLENGER, null).running(null);
        }
        Experiment saved = writes.save(next);
        transitions.forEach(transition -> recorded.add(new Recorded(saved, transition)));
        return saved;
    }

    private void publish(Outcome outcome) {
        for (Recorded entry : outcome.recorded()) {
            LOG.infof(
                    "Experiment %s: %s %s -> %s (%s%% -> %s%%): %s",
                    entry.experiment().id(),
                    entry.transition().action(),
                    entry.transition().from(),
                    entry.transition().to(),
                    entry.transition().fromWeight(),
                    entry.transition().toWeight(),
                    entry.transition().reason());
            audit.record(entry.experiment(), entry.transition());
            if (entry.experiment().phase().isTerminal()) {
                feed.forget(entry.experiment().id());
            }
        }
    }

    /** A transition and the experiment state it led to, as saved. */
    private record Recorded(Experiment experiment, Transition transition) {}

    /** What one transaction did: the candidate decision, the experiment it saved and the transitions taken. */
    private record Outcome(
            CandidatePolicy.Decision decision, String version, Experiment experiment, List<Recorded> recorded) {}
}
