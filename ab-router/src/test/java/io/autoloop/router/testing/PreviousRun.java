package io.autoloop.router.testing;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.Rollout;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.domain.rollout.RolloutFixtures;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.testing.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Plays a router that ran before this one and stopped: before the application under test starts, it writes to the
 * local stack's Redis a model registry (champion and challenger), the aliases, and an experiment that had advanced to
 * its second step (10 %), under a model name of its own that it hands to the application as
 * {@code router.model-name}.
 */
public class PreviousRun implements QuarkusTestResourceLifecycleManager {

    /** The model name of the run; set by {@link #start()}. */
    public static volatile String model;

    /** The experiment the previous run left, as it wrote it. */
    public static volatile Experiment experiment;

    @Override
    public Map<String, String> start() {
        model = "ctr-restart-" + UUID.randomUUID();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        TestModels.Built champion = TestModels.build(model, "3.0.0-" + suffix, t0);
        TestModels.Built challenger =
                TestModels.build(model, "3.1.0-" + suffix, t0.plus(Duration.ofHours(1)), TestModels.CHALLENGER_LINEAGE);
        Rollout rollout = new Rollout(RolloutFixtures.policy(Duration.ZERO));
        Instant created = Instant.now().minus(Duration.ofMinutes(30));
        Experiment state = rollout.create(
                model + "-" + challenger.metadata().version(),
                model,
                champion.metadata().version(),
                challenger.metadata().version(),
                UUID.randomUUID().toString(),
                created,
                "previous run");
        state = rollout.next(state, new RolloutEvent.ChallengerReady(created)).experiment();
        state = rollout.next(
                        state,
                        new RolloutEvent.Analysed(
                                created.plus(Duration.ofMinutes(5)),
                                RolloutFixtures.countsUntil(
                                        state,
                                        created.plus(Duration.ofMinutes(5)),
                                        new ArmCounts(95_000, 4_750),
                                        new ArmCounts(5_000, 325)),
                                new ChallengerHealth(1_000, 0, 8.0, 0, null)))
                .experiment()
                .withRevision(3);
        experiment = state;

        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx, LocalStack.REDIS);
            for (TestModels.Built built : List.of(champion, challenger)) {
                String version = built.metadata().version();
                send(
                        redis,
                        Request.cmd(Command.SET)
                                .arg(RedisKeys.model(model, version))
                                .arg(built.bytes()));
                send(
                        redis,
                        Request.cmd(Command.SET)
                                .arg(RedisKeys.modelMeta(model, version))
                                .arg(new String(ContractJson.write(built.metadata()), StandardCharsets.UTF_8)));
                send(
                        redis,
                        Request.cmd(Command.ZADD)
                                .arg(RedisKeys.modelVersions(model))
                                .arg(built.metadata().createdAt().toEpochMilli())
                                .arg(version));
            }
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.alias(model, Arm.CHAMPION))
                            .arg(champion.metadata().version()));
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.alias(model, Arm.CHALLENGER))
                            .arg(challenger.metadata().version()));
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.experiment(state.id()))
                            .arg(ExperimentRepository.write(state)));
            send(redis, Request.cmd(Command.SADD).arg(RedisKeys.EXPERIMENTS).arg(state.id()));
            send(
                    redis,
                    Request.cmd(Command.SET)
                            .arg(RedisKeys.runningExperiment(model))
                            .arg(state.id()));
        } finally {
            vertx.close();
        }
        return Map.of("router.model-name", model);
    }

    private static void send(Redis redis, Request request) {
        try {
            redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write the previous run's state to Redis.", e);
        }
    }

    @Override
    public void stop() {
        // The keys belong to this run's model name only; nothing else reads them.
    }
}
