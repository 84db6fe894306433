package io.autoloop.router.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.Action;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.domain.rollout.RolloutFixtures;
import io.autoloop.router.domain.rollout.Transition;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.repository.ExperimentRepository.Plan;
import io.autoloop.router.service.experiment.ExperimentService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExperimentRepository#transact} on the local stack's Redis: concurrent changes of one experiment, each planned
 * on the state it read, all land; and {@code router.experiment.retention}: an ended experiment and its analyses expire
 * and leave the list, a running one never expires. The experiment belongs to a model of the test's own, which the
 * application's controller never touches.
 */
@QuarkusTest
class ExperimentRepositoryTest {

    @Inject
    ExperimentRepository repository;

    @Inject
    RedisDataSource redis;

    @Inject
    RouterConfig config;

    private static final Duration RETENTION = Duration.ofSeconds(2);

    private final String model = "ctr-transact-" + UUID.randomUUID();
    private final Instant t0 = Instant.now();
    private String experimentId;

    @AfterEach
    void deleteTheExperiment() {
        redis.key().del(RedisKeys.runningExperiment(model));
        if (experimentId != null) {
            redis.key().del(RedisKeys.experiment(experimentId), RedisKeys.analyses(experimentId));
            redis.set(String.class).srem(RedisKeys.EXPERIMENTS, experimentId);
        }
    }

    @Test
    void anAnalysisAndAPauseCommittedConcurrentlyOnTheSameRevisionBothLand() throws Exception {
        // Given a progressing experiment stored at some revision,
        Rollout rollout = new Rollout(ExperimentService.policyOf(config));
        Experiment stored = store(rollout);
        ArmCounts champion = new ArmCounts(9_500, 475);
        ArmCounts challenger = new ArmCounts(500, 30);
        RolloutEvent analysis = new RolloutEvent.Analysed(
                t0.plusSeconds(60),
                RolloutFixtures.countsUntil(stored, t0.plusSeconds(60), champion, challenger),
                new ChallengerHealth(0, 0, null, 0, null));
        RolloutEvent pause =
                new RolloutEvent.AdminAction(t0.plusSeconds(61), RolloutEvent.Command.PAUSE, "admin", "by hand");

        // when the controller's analysis and an admin's pause are both planned on that revision, each waiting until
        // the other has read it, and then committed at the same time,
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger plans = new AtomicInteger();
        List<Callable<Experiment>> writers = List.of(
                () -> repository.transact(model, planner(rollout, analysis, bothRead, plans)),
                () -> repository.transact(model, planner(rollout, pause, bothRead, plans)));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<Experiment>> written;
        try {
            written = threads.invokeAll(writers, 60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        for (Future<Experiment> writer : written) {
            writer.get();
        }

        // then one commit was refused and its change planned again on the other's write: both changes are stored,
        // each at its own revision, and the refused attempt wrote nothing.
        assertThat(plans).as("plans made").hasValue(3);
        Experiment after = repository.find(stored.id()).orElseThrow();
        assertThat(after.revision()).isEqualTo(stored.revision() + 2);
        assertThat(List.of(written.get(0).get().revision(), written.get(1).get().revision()))
                .containsExactlyInAnyOrder(stored.revision() + 1, stored.revision() + 2);
        assertThat(after.phase()).isEqualTo(Phase.PAUSED);
        assertThat(after.history())
                .extracting(Transition::action)
                .containsExactly(Action.CREATE, Action.START, Action.PAUSE);
        assertThat(after.championTotals()).isEqualTo(champion);
        assertThat(after.challengerTotals()).isEqualTo(challenger);
        assertThat(after.lastAnalysis().at()).isEqualTo(analysis.at());
        assertThat(repository.analyses(stored.id()))
                .singleElement()
                .satisfies(point -> assertThat(point.at()).isEqualTo(analysis.at()));
    }

    @Test
    void anEndedExperimentAndItsAnalysesExpireAndLeaveTheListARunningOneStays() {
        // given a running experiment with an analysis, in a repository keeping ended ones for two seconds
        ExperimentRepository shortLived = new ExperimentRepository(redis, RETENTION);
        Rollout rollout = new Rollout(ExperimentService.policyOf(config));
        Experiment running = storeAnalysed(shortLived, rollout);
        long runningTtl = redis.key().pttl(RedisKeys.experiment(experimentId));

        // when an admin rolls it back
        shortLived.transact(model, state -> {
            Experiment ended = rollout.next(
                            state.running(),
                            new RolloutEvent.AdminAction(
                                    t0.plusSeconds(5), RolloutEvent.Command.ROLLBACK, "admin", "retention test"))
                    .experiment();
            RolloutWrites writes = new RolloutWrites();
            Experiment saved = writes.save(ended);
            writes.running(null);
            return new Plan<>(writes, saved);
        });
        long endedTtl = redis.key().pttl(RedisKeys.experiment(experimentId));
        long analysesTtl = redis.key().pttl(RedisKeys.analyses(experimentId));

        // then the running one had no expiry, the ended one and its analyses expire within the retention
        assertThat(running.phase().isTerminal()).isFalse();
        assertThat(runningTtl).isEqualTo(-1);
        assertThat(endedTtl).isBetween(1L, RETENTION.toMillis());
        assertThat(analysesTtl).isBetween(1L, RETENTION.toMillis());
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        redis.key().exists(RedisKeys.experiment(experimentId), RedisKeys.analyses(experimentId)) == 0);
        assertThat(shortLived.all()).extracting(Experiment::id).doesNotContain(experimentId);
        assertThat(redis.set(String.class).sismember(RedisKeys.EXPERIMENTS, experimentId))
                .isFalse();
    }

    /**
     * Creates, starts and analyses once an experiment of {@link #model} and stores it, with its analysis point, as the
     * model's running experiment through {@code repository}.
     */
    private Experiment storeAnalysed(ExperimentRepository repository, Rollout rollout) {
        Experiment created = rollout.create(
                model + "-1.1.0", model, "1.0.0", "1.1.0", UUID.randomUUID().toString(), t0, "test experiment");
        Experiment started =
                rollout.next(created, new RolloutEvent.ChallengerReady(t0)).experiment();
        RolloutEvent analysis = new RolloutEvent.Analysed(
                t0.plusSeconds(60),
                RolloutFixtures.countsUntil(
                        started, t0.plusSeconds(60), new ArmCounts(9_500, 475), new ArmCounts(500, 25)),
                new ChallengerHealth(0, 0, null, 0, null));
        Experiment analysed = rollout.next(started, analysis).experiment();
        experimentId = started.id();
        return repository.transact(model, state -> {
            RolloutWrites writes = new RolloutWrites();
            Experiment saved = writes.save(analysed);
            writes.running(saved.id());
            writes.analysis(
                    saved.id(), AnalysisPoint.of(analysed.lastAnalysis(), started.phase(), started.challengerWeight()));
            return new Plan<>(writes, saved);
        });
    }

    /** Creates and starts an experiment of {@link #model} and stores it as the model's running experiment. */
    private Experiment store(Rollout rollout) {
        Experiment created = rollout.create(
                model + "-1.1.0", model, "1.0.0", "1.1.0", UUID.randomUUID().toString(), t0, "test experiment");
        Experiment started =
                rollout.next(created, new RolloutEvent.ChallengerReady(t0)).experiment();
        experimentId = started.id();
        return repository.transact(model, state -> {
            RolloutWrites writes = new RolloutWrites();
            Experiment saved = writes.save(started);
            writes.running(saved.id());
            return new Plan<>(writes, saved);
        });
    }

    /**
     * Plans {@code event} on the running experiment as the controller and the admin API do, and saves it at its next
     * revision (with its analysis point, if it made one). Its first plan waits at {@code bothRead} before it is
     * committed.
     */
    private static Function<RolloutState, Plan<Experiment>> planner(
            Rollout rollout, RolloutEvent event, CyclicBarrier bothRead, AtomicInteger plans) {
        AtomicBoolean first = new AtomicBoolean(true);
        return state -> {
            plans.incrementAndGet();
            Experiment running = state.running();
            Experiment next = rollout.next(running, event).experiment();
            RolloutWrites writes = new RolloutWrites();
            if (event instanceof RolloutEvent.Analysed) {
                writes.analysis(
                        running.id(),
                        AnalysisPoint.of(next.lastAnalysis(), running.phase(), running.challengerWeight()));
            }
            if (first.getAndSet(false)) {
                awaitTheOther(bothRead);
            }
            return new Plan<>(writes, writes.save(next));
        };
    }

    private static void awaitTheOther(CyclicBarrier bothRead) {
        try {
            bothRead.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the other writer.", e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("The other writer never read the experiment.", e);
        }
    }
}
