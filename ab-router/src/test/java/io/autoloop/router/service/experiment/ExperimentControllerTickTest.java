package io.autoloop.router.service.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.CandidatePolicy;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.ArmWindow;
import io.autoloop.router.repository.ControllerLease;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.service.model.ModelStore;
import io.autoloop.router.testing.DefaultConfig;
import io.autoloop.router.testing.TestModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One controller tick, with hand-written stand-ins for Redis and the experiment service: a candidate that has to wait
 * does not hold up the running experiment's analysis, while one that changed the state ends the tick.
 */
class ExperimentControllerTickTest {

    private static final ArmWindow WINDOW = new ArmWindow(
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:01:00Z"),
            new ArmCounts(9_500, 475),
            new ArmCounts(500, 30));

    private final RouterConfig config = DefaultConfig.of(RouterConfig.class, Map.of());
    private final Rollout rollout = new Rollout(ExperimentService.policyOf(config));
    private final List<RolloutEvent> applied = new ArrayList<>();
    private Experiment running;
    private CandidatePolicy.Decision candidateDecision = CandidatePolicy.Decision.WAIT;

    private final ExperimentService experiments = new ExperimentService(null, null, null, null, config) {
        @Override
        public Experiment apply(String id, RolloutEvent event) {
            applied.add(event);
            return rollout.next(running, event).experiment();
        }

        @Override
        public CandidatePolicy.Decision handleCandidate(Instant now) {
            return candidateDecision;
        }
    };
    private final ControllerLease lease = new ControllerLease(null) {
        @Override
        public boolean acquireOrRenew(String model, String holder, Duration ttl) {
            return true;
        }
    };
    private final AnalysisInputs inputs = new AnalysisInputs(null, null) {
        @Override
        public List<ArmWindow> windows(String experimentId) {
            return List.of(WINDOW);
        }

        @Override
        public ChallengerHealth challenger(Experiment experiment) {
            return ChallengerHealth.UNKNOWN;
        }

        @Override
        public double impressionsPerDecision() {
            return 1.0;
        }
    };
    private final ExperimentController controller =
            new ExperimentController(experiments, lease, new ModelRegistry(null), new ModelStore(), inputs, config);

    private RolloutState progressingWithCandidate() {
        Instant started = Instant.now().minus(Duration.ofHours(1));
        Experiment experiment = rollout.create("e", "ctr", "1.0.0", "1.1.0", "seed", started, "test");
        experiment = rollout.next(experiment, new RolloutEvent.ChallengerReady(started))
                .experiment();
        ModelVersion candidate = TestModels.metadata("ctr", "1.2.0", Instant.now(), "ab");
        running = experiment;
        return new RolloutState("1.0.0", experiment, Map.of(candidate.lineage().id(), candidate));
    }

    @Test
    void aWaitingCandidateDoesNotHoldUpTheAnalysisOfTheRunningExperiment() {
        controller.tick(progressingWithCandidate());

        assertThat(applied).singleElement().isInstanceOf(RolloutEvent.Analysed.class);
        assertThat(((RolloutEvent.Analysed) applied.get(0)).windows()).containsExactly(WINDOW);
    }

    @Test
    void aCandidateThatChangedTheStateEndsTheTick() {
        candidateDecision = CandidatePolicy.Decision.REPLACE_CHALLENGER;

        controller.tick(progressingWithCandidate());

        assertThat(applied).isEmpty();
    }

    @Test
    void nothingHappensWithoutTheLease() {
        ExperimentController follower = new ExperimentController(
                experiments,
                new ControllerLease(null) {
                    @Override
                    public boolean acquireOrRenew(String model, String holder, Duration ttl) {
                        return false;
                    }
                },
                new ModelRegistry(null),
                new ModelStore(),
                inputs,
                config);

        follower.tick(progressingWithCandidate());

        assertThat(applied).isEmpty();
        assertThat(follower.isLeader()).isFalse();
    }
}
