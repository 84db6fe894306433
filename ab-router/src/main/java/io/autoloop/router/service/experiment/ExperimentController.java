package io.autoloop.router.service.experiment;

import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.CandidatePolicy;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.repository.ControllerLease;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.service.model.ModelStore;
import io.autoloop.router.service.model.Routing;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The experiment controller of one model. On every tick the replica takes or renews the controller lease
 * ({@code autoloop:lease:controller:{model}}); only the holder goes on to: settle the waiting candidate (a state
 * change ends the tick, the next one sees the new state; a candidate that must wait does not), start a waiting
 * experiment once its challenger is verified here (or roll it back when it failed verification), complete a
 * promotion, analyse the running experiment once per interval with the arm stats and the challenger's health, and
 * adopt the newest registry version as champion when the model has none.
 */
@ApplicationScoped
class ExperimentController {

    private static final Logger LOG = Logger.getLogger(ExperimentController.class);

    private final ExperimentService experiments;
    private final ControllerLease lease;
    private final ModelRegistry registry;
    private final ModelStore models;
    private final AnalysisInputs inputs;
    private final String model;
    private final String holder;
    private final Duration leaseTtl;
    private final Duration interval;
    private final Clock clock;
    private volatile boolean leader;

    ExperimentController(
            ExperimentService experiments,
            ControllerLease lease,
            ModelRegistry registry,
            ModelStore models,
            AnalysisInputs inputs,
            RouterConfig config) {
        this.experiments = experiments;
        this.lease = lease;
        this.registry = registry;
        this.models = models;
        this.inputs = inputs;
        this.model = config.modelName();
        this.holder = config.replicaId().orElseGet(() -> "router-" + UUID.randomUUID());
        this.leaseTtl = config.experiment().leaseTtl();
        this.interval = config.experiment().interval();
        this.clock = Clock.systemUTC();
    }

    /** Whether this replica held the lease at its last tick. */
    boolean isLeader() {
        return leader;
    }

    /** This replica's id in the lease. */
    String holder() {
        return holder;
    }

    /** One controller tick on {@code state} (as just read by {@link Routing#refresh()}); null state skips it. */
    void tick(RolloutState state) {
        if (state == null) {
            return;
        }
        leader = lease.acquireOrRenew(model, holder, leaseTtl);
        if (!leader) {
            return;
        }
        Instant now = clock.instant();
        if (!state.candidates().isEmpty() && experiments.handleCandidate(now) != CandidatePolicy.Decision.WAIT) {
            return;
        }
        Experiment running = state.running();
        if (running == null) {
            if (state.champion() == null) {
                registry.newestVersion(model).ifPresent(experiments::adoptChampion);
            }
            return;
        }
        if (running.phase() == Phase.WAITING) {
            Optional<String> rejection = models.rejection(running.challenger());
            if (rejection.isPresent()) {
                experiments.apply(running.id(), new RolloutEvent.ChallengerRejected(now, rejection.get()));
            } else if (models.get(running.challenger()).isPresent()) {
                experiments.apply(running.id(), new RolloutEvent.ChallengerReady(now));
            }
        } else if (running.phase() == Phase.PROMOTING) {
            experiments.apply(running.id(), new RolloutEvent.PromotionApplied(now));
        } else if (running.phase() == Phase.PROGRESSING || running.phase() == Phase.PAUSED) {
            Instant last =
                    running.lastAnalysis() != null ? running.lastAnalysis().at() : running.startedAt();
            if (last == null || !now.isBefore(last.plus(interval))) {
                analyse(running, now);
            }
        }
    }

    /** Gives the lease up, e.g. at shutdown, so another replica takes over at once. */
    void release() {
        if (leader) {
            lease.release(model, holder);
            leader = false;
        }
    }

    private void analyse(Experiment running, Instant now) {
        ChallengerHealth measured = inputs.challenger(running);
        Experiment analysed = experiments.apply(
                running.id(),
                new RolloutEvent.Analysed(
                        now, inputs.windows(running.id()), measured, inputs.impressionsPerDecision()));
        if (analysed.lastAnalysis() != null) {
            LOG.debugf(
                    "Experiment %s at %s%%: %s — %s",
                    analysed.id(),
                    analysed.challengerWeight(),
                    analysed.lastAnalysis().verdict(),
                    analysed.lastAnalysis().reason());
        }
    }
}
