package io.autoloop.router.service.experiment;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.refresh.RefreshEntry;
import io.autoloop.router.domain.refresh.RefreshVerdict;
import io.autoloop.router.domain.refresh.RefreshWatch;
import io.autoloop.router.domain.rollout.Action;
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
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.repository.RolloutWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * removes the challenger alias; an experiment that ends stops being the model's running experiment. An experiment
 * that served its challenger and ended retires the losing lineage ({@code autoloop:model:{name}:lineages:retired}):
 * the champion's on a promotion, the challenger's on a rollback.
 *
 * <p>Refreshes ({@link CandidatePolicy}): a candidate of an arm's lineage moves that arm (its alias, and the running
 * experiment's champion or challenger with a {@code REFRESH} transition) in the same transaction, starts or extends
 * the refresh guard's watch of the arm and appends to the refresh history; {@link #settleWatch} keeps or reverts it.
 */
@ApplicationScoped
public class ExperimentService {

    private static final Logger LOG = Logger.getLogger(ExperimentService.class);

    private final ExperimentRepository repository;
    private final ModelRegistry registry;
    private final AuditLog audit;
    private final AnalyzerFeed feed;
    private final Rollout rollout;
    private final String model;

    public ExperimentService(
            ExperimentRepository repository,
            ModelRegistry registry,
            AuditLog audit,
            AnalyzerFeed feed,
            RouterConfig config) {
        this.repository = repository;
        this.registry = registry;
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
            Experiment saved = advance(running, event, state.watches(), writes, recorded);
            return new Plan<>(writes, new Outcome(CandidatePolicy.Decision.IGNORE, null, saved, recorded, null));
        });
        publish(outcome);
        return outcome.experiment();
    }

    /**
     * Settles the first waiting candidate that need not wait ({@link CandidatePolicy}, by the lineages of the arms read
     * from the registry's metadata; the candidates in the order they were created): a refresh is applied, a challenge
     * starts an experiment when none runs. A candidate is dropped when the refresh guard reverted it before, when it
     * challenges from a retired lineage, or when it would refresh an arm that already serves a version of its lineage
     * created no earlier (a replayed announcement). Each lineage has a waiting candidate of its own, so a refresh never
     * takes the place of a waiting challenge.
     *
     * @return the decision applied, {@link CandidatePolicy.Decision#WAIT} when every candidate waits (or none does)
     */
    public CandidatePolicy.Decision handleCandidate(Instant now) {
        Outcome outcome = repository.transact(model, state -> decide(state, now));
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

    /**
     * Applies the refresh guard's {@code verdict} on the watch of {@code arm}, provided it still watches
     * {@code version}: a keep ends the watch; a revert moves the arm back to the version it served before the watch,
     * marks every version of the watch as never to be applied again, and records it in the refresh history, on
     * {@code audit.log} and, during an experiment, in the experiment's history. A watch whose arm moved on (an
     * experiment ended, a new refresh) is ended or left to its newer version.
     */
    public void settleWatch(Arm arm, String version, RefreshVerdict verdict, Instant now) {
        Outcome outcome = repository.transact(model, state -> settle(state, arm, version, verdict, now));
        publish(outcome);
        RefreshEntry entry = outcome.refresh();
        if (entry != null && entry.kind() == RefreshEntry.Kind.REVERT) {
            LOG.warnf(
                    "Model %s: the %s arm reverted from %s to %s: %s",
                    model, arm.wireName(), entry.from(), entry.to(), entry.reason());
        }
    }

    private Plan<Outcome> settle(RolloutState state, Arm arm, String version, RefreshVerdict verdict, Instant now) {
        RolloutWrites writes = new RolloutWrites();
        RefreshWatch watch = state.watches().get(arm);
        Outcome nothing = new Outcome(CandidatePolicy.Decision.IGNORE, version, null, List.of(), null);
        if (watch == null || !watch.current().equals(version) || verdict.outcome() == RefreshVerdict.Outcome.WATCH) {
            return new Plan<>(writes, nothing);
        }
        Experiment running = state.running();
        String serving = arm == Arm.CHAMPION ? state.champion() : running == null ? null : running.challenger();
        writes.endWatch(arm);
        if (!version.equals(serving)) {
            return new Plan<>(writes, nothing);
        }
        if (verdict.outcome() == RefreshVerdict.Outcome.KEEP) {
            RefreshEntry kept = new RefreshEntry(
                    now,
                    RefreshEntry.Kind.KEEP,
                    arm,
                    watch.lineage(),
                    watch.previous(),
                    version,
                    verdict.reason(),
                    verdict.numbers());
            writes.refresh(kept);
            return new Plan<>(writes, new Outcome(CandidatePolicy.Decision.IGNORE, version, null, List.of(), kept));
        }
        String reason = verdict.reason() + " The " + arm.wireName() + " arm goes back to " + watch.previous() + ".";
        watch.versions().forEach(reverted -> writes.reverted(reverted, reason));
        writes.alias(arm, watch.previous());
        RefreshEntry entry = new RefreshEntry(
                now,
                RefreshEntry.Kind.REVERT,
                arm,
                watch.lineage(),
                version,
                watch.previous(),
                reason,
                verdict.numbers());
        writes.refresh(entry);
        List<Recorded> recorded = new ArrayList<>();
        Experiment saved = null;
        if (running != null) {
            Change change = rollout.swap(running, arm, watch.previous(), Action.REVERT, now, reason, verdict.numbers());
            saved = writes.save(change.experiment());
            Experiment recordedState = saved;
            change.transition().ifPresent(transition -> recorded.add(new Recorded(recordedState, transition)));
        }
        return new Plan<>(writes, new Outcome(CandidatePolicy.Decision.IGNORE, version, saved, recorded, entry));
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

    private Plan<Outcome> decide(RolloutState state, Instant now) {
        for (ModelVersion candidate : state.waiting()) {
            Plan<Outcome> plan = decide(state, candidate, now);
            if (plan.result().decision() != CandidatePolicy.Decision.WAIT) {
                return plan;
            }
        }
        return new Plan<>(new RolloutWrites(), new Outcome(CandidatePolicy.Decision.WAIT, null, null, List.of(), null));
    }

    private Plan<Outcome> decide(RolloutState state, ModelVersion candidate, Instant now) {
        RolloutWrites writes = new RolloutWrites();
        Experiment running = state.running();
        ModelVersion champion = metadata(state.champion());
        ModelVersion challenger = running == null ? null : metadata(running.challenger());
        CandidatePolicy.Serving serving =
                new CandidatePolicy.Serving(state.champion(), lineageOf(champion), running, lineageOf(challenger));
        CandidatePolicy.Decision decision = CandidatePolicy.decide(
                serving, candidate.version(), candidate.lineage().id());
        String dropped = dropReason(state, candidate, decision, champion, challenger);
        if (dropped != null) {
            LOG.infof("Model %s: the candidate %s is dropped: %s", model, candidate.version(), dropped);
            decision = CandidatePolicy.Decision.IGNORE;
        }
        List<Recorded> recorded = new ArrayList<>();
        Experiment saved = null;
        RefreshEntry refresh = null;
        switch (decision) {
            case BECOME_CHAMPION ->
                writes.alias(Arm.CHAMPION, candidate.version()).clearCandidate(candidate);
            case IGNORE -> writes.clearCandidate(candidate);
            case WAIT -> {
                // The running challenger already serves traffic: the candidate keeps waiting for the experiment to end.
            }
            case REFRESH_CHAMPION, REFRESH_CHALLENGER -> {
                Arm arm = decision == CandidatePolicy.Decision.REFRESH_CHAMPION ? Arm.CHAMPION : Arm.CHALLENGER;
                String previous = arm == Arm.CHAMPION ? state.champion() : running.challenger();
                refresh = refreshEntry(candidate, arm, previous, now);
                RefreshWatch watch = state.watches().get(arm);
                writes.watch(
                                watch != null
                                                && watch.lineage().equals(refresh.lineage())
                                                && watch.current().equals(previous)
                                        ? watch.refreshedTo(candidate.version())
                                        : startWatch(arm, refresh.lineage(), previous, candidate.version(), now))
                        .alias(arm, candidate.version())
                        .refresh(refresh)
                        .clearCandidate(candidate);
                if (running != null) {
                    Change change = rollout.swap(
                            running,
                            arm,
                            candidate.version(),
                            Action.REFRESH,
                            now,
                            refresh.reason(),
                            refresh.numbers());
                    saved = writes.save(change.experiment());
                    Experiment recordedState = saved;
                    change.transition().ifPresent(transition -> recorded.add(new Recorded(recordedState, transition)));
                }
            }
            case START_EXPERIMENT, REPLACE_CHALLENGER -> {
                if (decision == CandidatePolicy.Decision.REPLACE_CHALLENGER) {
                    advance(
                            running,
                            new RolloutEvent.Superseded(now, candidate.version()),
                            state.watches(),
                            writes,
                            recorded);
                }
                Experiment created = rollout.create(
                        model + "-" + candidate.version() + "-"
                                + UUID.randomUUID().toString().substring(0, 8),
                        model,
                        state.champion(),
                        candidate.version(),
                        UUID.randomUUID().toString(),
                        now,
                        "The version " + candidate.version() + " of the lineage "
                                + candidate.lineage().name() + " passed the retrainer's gate; it challenges "
                                + state.champion() + ".");
                saved = writes.save(created);
                recorded.add(new Recorded(saved, created.history().get(0)));
                writes.running(saved.id())
                        .alias(Arm.CHALLENGER, candidate.version())
                        .clearCandidate(candidate);
            }
        }
        return new Plan<>(writes, new Outcome(decision, candidate.version(), saved, recorded, refresh));
    }

    /** Why {@code candidate} must not be applied although the policy decided {@code decision}; null when it may. */
    private static String dropReason(
            RolloutState state,
            ModelVersion candidate,
            CandidatePolicy.Decision decision,
            ModelVersion champion,
            ModelVersion challenger) {
        if (state.reverted().contains(candidate.version())) {
            return "the refresh guard reverted it before.";
        }
        return switch (decision) {
            case REFRESH_CHAMPION -> notNewer(candidate, champion);
            case REFRESH_CHALLENGER -> notNewer(candidate, challenger);
            case START_EXPERIMENT, REPLACE_CHALLENGER, WAIT ->
                state.retiredLineages().contains(candidate.lineage().id())
                        ? "its lineage " + candidate.lineage().name() + " is retired."
                        : null;
            case BECOME_CHAMPION, IGNORE -> null;
        };
    }

    private static String notNewer(ModelVersion candidate, ModelVersion serving) {
        return serving != null && !candidate.createdAt().isAfter(serving.createdAt())
                ? "the arm already serves " + serving.version() + " of its lineage, created no earlier."
                : null;
    }

    private RefreshEntry refreshEntry(ModelVersion candidate, Arm arm, String previous, Instant now) {
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("lineage", candidate.lineage().name());
        numbers.put("samplesSeen", candidate.samplesSeen());
        ModelMetrics metrics = candidate.metrics();
        if (metrics != null) {
            numbers.put("gateSamples", metrics.samples());
            putFinite(numbers, "logLoss", metrics.logLoss());
            putFinite(numbers, "auc", metrics.auc());
            putFinite(numbers, "calibration", metrics.calibration());
            putFinite(numbers, "holdoutLogLoss", metrics.holdoutLogLoss());
        }
        String reason = "The version " + candidate.version() + " of the lineage "
                + candidate.lineage().name()
                + " passed the retrainer's gate; it refreshes the " + arm.wireName() + " (" + previous + " -> "
                + candidate.version() + ").";
        return new RefreshEntry(
                now,
                RefreshEntry.Kind.REFRESH,
                arm,
                candidate.lineage().id(),
                previous,
                candidate.version(),
                reason,
                numbers);
    }

    private RefreshWatch startWatch(Arm arm, String lineage, String previous, String version, Instant now) {
        ErrorReport baseline = feed.report(previous).orElse(null);
        return RefreshWatch.start(
                arm,
                lineage,
                previous,
                version,
                now,
                baseline == null ? null : baseline.observedCtr(),
                baseline == null ? 0 : baseline.samples(),
                baseline == null || !(baseline.meanPrediction() > 0.0)
                        ? null
                        : baseline.observedCtr() / baseline.meanPrediction());
    }

    private static void putFinite(Map<String, Object> numbers, String key, double value) {
        if (Double.isFinite(value)) {
            numbers.put(key, value);
        }
    }

    private ModelVersion metadata(String version) {
        return version == null ? null : registry.metadata(model, version).orElse(null);
    }

    private static String lineageOf(ModelVersion version) {
        return version == null ? null : version.lineage().id();
    }

    /**
     * Applies {@code event}, and the promotion that {@code PROMOTING} calls for, adding the writes they need; an
     * analysis is also appended to the experiment's time series, at the phase and weight it was made at.
     */
    private Experiment advance(
            Experiment experiment,
            RolloutEvent event,
            Map<Arm, RefreshWatch> watches,
            RolloutWrites writes,
            List<Recorded> recorded) {
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
            writes.alias(Arm.CHALLENGER, null).running(null).endWatch(Arm.CHALLENGER);
            endArms(next, watches, transitions.get(transitions.size() - 1), writes);
        }
        Experiment saved = writes.save(next);
        transitions.forEach(transition -> recorded.add(new Recorded(saved, transition)));
        return saved;
    }

    /**
     * The arms after {@code ended} ended with {@code last}: a promotion hands the challenger's watch to the champion
     * and retires the old champion's lineage; a rollback of a challenger that served retires its lineage. An
     * experiment whose challenger never served (rejected, superseded) compared nothing and retires nothing.
     */
    private void endArms(Experiment ended, Map<Arm, RefreshWatch> watches, Transition last, RolloutWrites writes) {
        if (ended.phase() == Phase.SUCCEEDED) {
            RefreshWatch challengerWatch = watches.get(Arm.CHALLENGER);
            if (challengerWatch != null && challengerWatch.current().equals(ended.challenger())) {
                writes.watch(new RefreshWatch(
                        Arm.CHAMPION,
                        challengerWatch.lineage(),
                        challengerWatch.previous(),
                        challengerWatch.versions(),
                        challengerWatch.since(),
                        challengerWatch.baselineCtr(),
                        challengerWatch.baselineSamples(),
                        challengerWatch.baselineCalibration()));
            } else {
                writes.endWatch(Arm.CHAMPION);
            }
            retire(ended.champion(), ended.challenger(), ended, last, writes);
        } else if (ended.startedAt() != null) {
            retire(ended.challenger(), ended.champion(), ended, last, writes);
        }
    }

    private void retire(String loser, String winner, Experiment ended, Transition last, RolloutWrites writes) {
        ModelVersion losing = metadata(loser);
        ModelVersion winning = metadata(winner);
        if (losing == null || (winning != null && winning.lineage().equals(losing.lineage()))) {
            return;
        }
        writes.retire(
                losing.lineage().id(),
                "The lineage " + losing.lineage().name() + " (" + loser + ") lost experiment " + ended.id() + " to "
                        + (winning == null
                                ? winner
                                : "the lineage " + winning.lineage().name() + " (" + winner + ")")
                        + ": " + last.reason());
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
        RefreshEntry refresh = outcome.refresh();
        if (refresh != null) {
            LOG.infof(
                    "Model %s: %s of the %s arm %s -> %s: %s",
                    model, refresh.kind(), refresh.arm().wireName(), refresh.from(), refresh.to(), refresh.reason());
            if (outcome.experiment() == null && refresh.kind() != RefreshEntry.Kind.KEEP) {
                Map<String, Object> details = new LinkedHashMap<>(refresh.numbers());
                details.put("arm", refresh.arm().wireName());
                details.put("from", refresh.from());
                details.put("to", refresh.to());
                audit.recordModel(
                        model,
                        refresh.kind() == RefreshEntry.Kind.REFRESH ? "model.refresh" : "model.refresh.revert",
                        Rollout.CONTROLLER,
                        refresh.reason(),
                        details);
            }
        }
    }

    /** A transition and the experiment state it led to, as saved. */
    private record Recorded(Experiment experiment, Transition transition) {}

    /**
     * What one transaction did: the candidate decision, the experiment it saved, the transitions taken and the refresh
     * entry it appended, if any.
     */
    private record Outcome(
            CandidatePolicy.Decision decision,
            String version,
            Experiment experiment,
            List<Recorded> recorded,
            RefreshEntry refresh) {}
}
