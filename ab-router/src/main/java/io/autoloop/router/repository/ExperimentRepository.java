package io.autoloop.router.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.AnalysisPoint;
import io.autoloop.router.domain.refresh.RefreshEntry;
import io.autoloop.router.domain.refresh.RefreshWatch;
import io.autoloop.router.domain.rollout.Experiment;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.transactions.OptimisticLockingTransactionResult;
import io.quarkus.redis.datasource.transactions.TransactionalRedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Keeps experiment state in Redis: each {@link Experiment} as JSON under {@code autoloop:experiment:{id}}, the newest
 * {@value #ANALYSES_KEPT} analyses of each as a list under {@code autoloop:experiment:{id}:analyses}, their ids in
 * {@code autoloop:experiments}, the model's running experiment, its aliases and its waiting candidates; and the
 * model's refreshes (the arms the refresh guard watches, the versions it reverted, the newest {@value #REFRESHES_KEPT}
 * entries of the refresh history) and its retired lineages ({@code autoloop:model:{name}:lineages:retired}).
 *
 * <p>Every change goes through {@link #transact}: it WATCHes the model's keys, reads the {@link RolloutState}, lets a
 * planner decide the {@link RolloutWrites}, and applies them in one MULTI/EXEC, retrying from the read when another
 * replica or an admin changed anything in between; so each experiment moves from the revision it was read at to the
 * next, and never over someone else's write.
 */
@ApplicationScoped
public class ExperimentRepository {

    private static final Logger LOG = Logger.getLogger(ExperimentRepository.class);

    /** Analyses kept per experiment: 8 h 20 min at the default 60 s interval; older ones are trimmed. */
    public static final int ANALYSES_KEPT = 500;

    /** Refresh history entries kept per model; older ones are trimmed. */
    public static final int REFRESHES_KEPT = 500;

    private static final int ATTEMPTS = 8;
    private static final ObjectMapper JSON =
            ContractJson.configure(JsonMapper.builder().build());

    private final RedisDataSource redis;
    private final Duration retention;

    /**
     * @param retention how long an ended experiment and its analyses stay after their last write
     */
    public ExperimentRepository(RedisDataSource redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    @Inject
    ExperimentRepository(RedisDataSource redis, RouterConfig config) {
        this(redis, config.experiment().retention());
    }

    /** A planner's decision: the writes to make and what to hand back once they are made. */
    public record Plan<R>(RolloutWrites writes, R result) {}

    /** One experiment, empty when unknown. */
    public Optional<Experiment> find(String id) {
        return Optional.ofNullable(read(redis.value(String.class).get(RedisKeys.experiment(id))));
    }

    /** The newest analyses of experiment {@code id}, oldest first; empty for an unknown id. */
    public List<AnalysisPoint> analyses(String id) {
        return redis.list(String.class).lrange(RedisKeys.analyses(id), 0, -1).stream()
                .map(json -> readJson(json, AnalysisPoint.class))
                .toList();
    }

    /**
     * Every readable experiment, newest first. One whose stored JSON this build cannot read (written by a newer
     * build, or damaged) is left out with a warning, so that it never hides the others; one that expired (see
     * {@code router.experiment.retention}) leaves the set of experiments here.
     */
    public List<Experiment> all() {
        List<String> keys = redis.set(String.class).smembers(RedisKeys.EXPERIMENTS).stream()
                .map(RedisKeys::experiment)
                .toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, String> values = redis.value(String.class).mget(keys.toArray(String[]::new));
        List<Experiment> experiments = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        values.forEach((key, json) -> {
            if (json == null) {
                expired.add(RedisKeys.experimentId(key));
            } else {
                try {
                    experiments.add(read(json));
                } catch (IllegalStateException unreadable) {
                    LOG.warnf("Experiment %s is left out of the list: %s", key, unreadable.getMessage());
                }
            }
        });
        if (!expired.isEmpty()) {
            redis.set(String.class).srem(RedisKeys.EXPERIMENTS, expired.toArray(String[]::new));
        }
        experiments.sort(Comparator.comparing(Experiment::createdAt).reversed());
        return experiments;
    }

    /** The model's rollout state, read without a transaction (for replicas that only follow it). */
    public RolloutState state(String model) {
        return read(redis, model);
    }

    /**
     * Records {@code candidate} as its lineage's waiting candidate unless a newer one of the lineage (later
     * {@code createdAt}) already waits; another lineage's waiting candidate stays. Returns whether it was recorded.
     */
    public boolean offerCandidate(ModelVersion candidate) {
        return transact(candidate.name(), state -> {
            ModelVersion waiting = state.candidates().get(candidate.lineage().id());
            if (waiting != null && !candidate.createdAt().isAfter(waiting.createdAt())) {
                return new Plan<>(new RolloutWrites(), false);
            }
            return new Plan<>(new RolloutWrites().candidate(candidate), true);
        });
    }

    /**
     * Runs {@code planner} on the model's current state and applies its writes atomically, retrying on conflict.
     *
     * @throws RuntimeException whatever the planner throws (nothing is written then)
     * @throws IllegalStateException when the state kept changing for {@value #ATTEMPTS} attempts
     */
    public <R> R transact(String model, Function<RolloutState, Plan<R>> planner) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String pointer = redis.value(String.class).get(RedisKeys.runningExperiment(model));
            List<String> watched = new ArrayList<>(List.of(
                    RedisKeys.runningExperiment(model),
                    RedisKeys.candidates(model),
                    RedisKeys.alias(model, Arm.CHAMPION),
                    RedisKeys.alias(model, Arm.CHALLENGER),
                    RedisKeys.refreshWatches(model),
                    RedisKeys.refreshReverted(model),
                    RedisKeys.retiredLineages(model)));
            if (pointer != null) {
                watched.add(RedisKeys.experiment(pointer));
            }
            OptimisticLockingTransactionResult<Outcome<R>> result = redis.withTransaction(
                    ds -> {
                        if (!Objects.equals(pointer, ds.value(String.class).get(RedisKeys.runningExperiment(model)))) {
                            return Outcome.<R>conflict();
                        }
                        try {
                            return Outcome.of(planner.apply(read(ds, model)));
                        } catch (RuntimeException e) {
                            return Outcome.<R>failed(e);
                        }
                    },
                    (outcome, tx) -> {
                        if (outcome.plan() != null) {
                            apply(model, outcome.plan().writes(), tx);
                        }
                    },
                    watched.toArray(String[]::new));
            Outcome<R> outcome = result.getPreTransactionResult();
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            if (outcome.plan() != null && !result.discarded()) {
                return outcome.plan().result();
            }
        }
        throw new IllegalStateException(
                "The rollout state of model " + model + " kept changing during " + ATTEMPTS + " attempts; try again.");
    }

    private void apply(String model, RolloutWrites writes, TransactionalRedisDataSource tx) {
        Set<String> ended = new HashSet<>();
        for (Experiment experiment : writes.experiments()) {
            String key = RedisKeys.experiment(experiment.id());
            tx.value(String.class).set(key, write(experiment));
            tx.set(String.class).sadd(RedisKeys.EXPERIMENTS, experiment.id());
            if (experiment.phase().isTerminal()) {
                tx.key().pexpire(key, retention);
                tx.key().pexpire(RedisKeys.analyses(experiment.id()), retention);
                ended.add(experiment.id());
            }
        }
        writes.analyses().forEach((id, points) -> {
            String key = RedisKeys.analyses(id);
            tx.list(String.class)
                    .rpush(
                            key,
                            points.stream().map(ExperimentRepository::writeJson).toArray(String[]::new));
            tx.list(String.class).ltrim(key, -ANALYSES_KEPT, -1);
            if (ended.contains(id)) {
                tx.key().pexpire(key, retention);
            }
        });
        if (writes.runningPointer() != null) {
            Optional<String> running = writes.runningPointer();
            if (running.isPresent()) {
                tx.value(String.class).set(RedisKeys.runningExperiment(model), running.get());
            } else {
                tx.key().del(RedisKeys.runningExperiment(model));
            }
        }
        writes.aliases().forEach((arm, version) -> {
            if (version.isPresent()) {
                tx.value(String.class).set(RedisKeys.alias(model, arm), version.get());
            } else {
                tx.key().del(RedisKeys.alias(model, arm));
            }
        });
        writes.watches().forEach((arm, watch) -> {
            if (watch.isPresent()) {
                tx.hash(String.class).hset(RedisKeys.refreshWatches(model), arm.wireName(), writeJson(watch.get()));
            } else {
                tx.hash(String.class).hdel(RedisKeys.refreshWatches(model), arm.wireName());
            }
        });
        if (!writes.revertedVersions().isEmpty()) {
            tx.hash(String.class).hset(RedisKeys.refreshReverted(model), writes.revertedVersions());
        }
        if (!writes.retiredLineages().isEmpty()) {
            tx.hash(String.class).hset(RedisKeys.retiredLineages(model), writes.retiredLineages());
        }
        if (!writes.refreshes().isEmpty()) {
            String key = RedisKeys.refreshHistory(model);
            tx.list(String.class)
                    .rpush(
                            key,
                            writes.refreshes().stream()
                                    .map(ExperimentRepository::writeJson)
                                    .toArray(String[]::new));
            tx.list(String.class).ltrim(key, -REFRESHES_KEPT, -1);
        }
        writes.candidates().forEach((lineage, candidate) -> {
            if (candidate.isPresent()) {
                tx.hash(String.class)
                        .hset(
                                RedisKeys.candidates(model),
                                lineage,
                                new String(ContractJson.write(candidate.get()), StandardCharsets.UTF_8));
            } else {
                tx.hash(String.class).hdel(RedisKeys.candidates(model), lineage);
            }
        });
    }

    private static RolloutState read(RedisDataSource ds, String model) {
        Map<String, String> values =
                ds.value(String.class).mget(RedisKeys.alias(model, Arm.CHAMPION), RedisKeys.runningExperiment(model));
        String running = values.get(RedisKeys.runningExperiment(model));
        Experiment experiment =
                running == null ? null : read(ds.value(String.class).get(RedisKeys.experiment(running)));
        Map<String, ModelVersion> candidates = new HashMap<>();
        ds.hash(String.class)
                .hgetall(RedisKeys.candidates(model))
                .forEach((lineage, json) -> candidates.put(
                        lineage, ContractJson.read(json.getBytes(StandardCharsets.UTF_8), ModelVersion.class)));
        Map<Arm, RefreshWatch> watches = new EnumMap<>(Arm.class);
        ds.hash(String.class).hgetall(RedisKeys.refreshWatches(model)).values().stream()
                .map(json -> readJson(json, RefreshWatch.class))
                .forEach(watch -> watches.put(watch.arm(), watch));
        return new RolloutState(
                values.get(RedisKeys.alias(model, Arm.CHAMPION)),
                experiment,
                candidates,
                watches,
                Set.copyOf(ds.hash(String.class).hkeys(RedisKeys.refreshReverted(model))),
                Set.copyOf(ds.hash(String.class).hkeys(RedisKeys.retiredLineages(model))));
    }

    /** The model's refresh history, oldest first. */
    public List<RefreshEntry> refreshes(String model) {
        return redis.list(String.class).lrange(RedisKeys.refreshHistory(model), 0, -1).stream()
                .map(json -> readJson(json, RefreshEntry.class))
                .toList();
    }

    /** The model's retired lineages: id → the reason, as a sentence. */
    public Map<String, String> retiredLineages(String model) {
        return redis.hash(String.class).hgetall(RedisKeys.retiredLineages(model));
    }

    /** The versions the refresh guard reverted: version → the reason, as a sentence. */
    public Map<String, String> reverted(String model) {
        return redis.hash(String.class).hgetall(RedisKeys.refreshReverted(model));
    }

    /** The JSON the state is stored as. */
    public static String write(Experiment experiment) {
        return writeJson(experiment);
    }

    /** Reads stored state JSON; null reads as null. */
    public static Experiment read(String json) {
        return json == null ? null : readJson(json, Experiment.class);
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Could not write " + value.getClass().getSimpleName() + " as JSON.", e);
        }
    }

    private static <T> T readJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Stored " + type.getSimpleName() + " JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private record Outcome<R>(Plan<R> plan, RuntimeException failure) {

        static <R> Outcome<R> of(Plan<R> plan) {
            return new Outcome<>(plan, null);
        }

        static <R> Outcome<R> conflict() {
            return new Outcome<>(null, null);
        }

        static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, failure);
        }
    }
}
