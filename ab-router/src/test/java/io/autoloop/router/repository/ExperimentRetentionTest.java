package io.autoloop.router.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.domain.rollout.RolloutFixtures;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.repository.ExperimentRepository.Plan;
import io.autoloop.router.service.experiment.ExperimentService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code router.experiment.retention} on the local stack's Redis: an experiment that ended, and its analyses, expire
 * after the retention and leave the list of experiments; a running one never expires. A repository of the test's own
 * with a retention of two seconds, on a model of the test's own.
 */
@QuarkusTest
class ExperimentRetentionTest {

    private static final Duration RETENTION = Duration.ofSeconds(2);

    @Inject
    RedisDataSource redis;

    @Inject
    RouterConfig config;

    private final String model = "ctr-retention-" + UUID.randomUUID();
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
    void anEndedExperimentAndItsAnalysesExpireAndLeaveTheListARunningOneStays() {
        // given a running experiment with an analysis, in a repository keeping ended ones for two seconds
        ExperimentRepository repository = new ExperimentRepository(redis, RETENTION);
        Rollout rollout = new Rollout(ExperimentService.policyOf(config));
        Experiment running = start(repository, rollout);
        long runningTtl = redis.key().pttl(RedisKeys.experiment(experimentId));

        // when an admin rolls it back
        repository.transact(model, state -> {
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
        assertThat(repository.all()).extracting(Experiment::id).doesNotContain(experimentId);
        assertThat(redis.set(String.class).sismember(RedisKeys.EXPERIMENTS, experimentId))
                .isFalse();
    }

    private Experiment start(ExperimentRepository repository, Rollout rollout) {
        Experiment created = rollout.create(
                model + "-1.1.0", model, "1.0.0", "1.1.0", UUID.randomUUID().toString(), t0, "retention test");
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
}
