package io.autoloop.retrainer.repository;

import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.platform.redis.LuaScript;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A model's lineages in Redis: consumes a lineage's configuration, name and origin and produces its {@link Lineage} in
 * the hash {@link RedisKeys#lineages} (field = id, the configuration's fingerprint; ordinal = one more than the
 * lineages before it), and reads back every lineage and the reasons of the retired ones
 * ({@link RedisKeys#retiredLineages}, written by the ab-router).
 */
@ApplicationScoped
public class LineageStore {

    /** What {@link #register} did, with the lineage registered or found. */
    public record Registration(Outcome outcome, Lineage lineage) {}

    /** The outcomes of {@link #register}. */
    public enum Outcome {
        /** A new lineage was registered. */
        CREATED,
        /** The configuration already had its lineage; nothing was written. */
        EXISTS,
        /** Another configuration's lineage has the name; nothing was written. */
        NAME_TAKEN
    }

    /**
     * KEYS lineages; ARGV id, Lineage JSON, name, number of lineages the JSON's ordinal was counted from. Returns
     * {1, json} when the id is registered, {2, json} when another lineage has the name, {-1} when another lineage was
     * registered meanwhile (the ordinal is stale), {0} when written.
     */
    private static final LuaScript REGISTER = LuaScript.of("""
            local existing = redis.call('HGET', KEYS[1], ARGV[1])
            if existing then
              return {1, existing}
            end
            local all = redis.call('HVALS', KEYS[1])
            for _, json in ipairs(all) do
              if cjson.decode(json)['ref']['name'] == ARGV[3] then
                return {2, json}
              end
            end
            if #all ~= tonumber(ARGV[4]) then
              return {-1}
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return {0}""");

    private static final int ATTEMPTS = 10;

    private final HashCommands<String, String, String> hashes;
    private final Redis redis;
    private final String model;
    private final Duration timeout;

    public LineageStore(RedisDataSource redisDataSource, Redis redis, RetrainerConfig config) {
        this.hashes = redisDataSource.hash(String.class);
        this.redis = redis;
        this.model = new RegistryKeys(config.modelName()).name();
        this.timeout = config.redisTimeout();
    }

    /**
     * Registers the lineage of {@code config} as {@code name}, unless the configuration has its lineage already (then
     * that one is returned, whatever its name) or another lineage has the name.
     *
     * @throws IllegalStateException when other writers keep registering lineages at the same time
     */
    public Registration register(LineageConfig config, String name, String origin, Instant now) {
        LineageRef ref = new LineageRef(config.fingerprint(), name);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Lineage> before = all();
            int ordinal = before.stream().mapToInt(Lineage::ordinal).max().orElse(0) + 1;
            Lineage lineage = new Lineage(Lineage.SCHEMA_VERSION, model, ref, config, ordinal, now, origin);
            Response answer = REGISTER.call(
                    redis,
                    timeout,
                    List.of(RedisKeys.lineages(model)),
                    List.of(ref.id(), json(lineage), name, before.size()));
            switch (answer.get(0).toInteger()) {
                case 0:
                    return new Registration(Outcome.CREATED, lineage);
                case 1:
                    return new Registration(Outcome.EXISTS, parse(answer.get(1).toString()));
                case 2:
                    return new Registration(
                            Outcome.NAME_TAKEN, parse(answer.get(1).toString()));
                default:
                // Another lineage was registered between the read and the script: count again.
            }
        }
        throw new IllegalStateException("Could not register lineage " + name + " of model " + model + " in " + ATTEMPTS
                + " attempts: other lineages were registered at the same time each time.");
    }

    /** Every lineage of the model, retired ones included, by ordinal. */
    public List<Lineage> all() {
        return hashes.hgetall(RedisKeys.lineages(model)).values().stream()
                .map(LineageStore::parse)
                .sorted(Comparator.comparingInt(Lineage::ordinal))
                .toList();
    }

    /** The retired lineages: id → the reason, a sentence. */
    public Map<String, String> retired() {
        return hashes.hgetall(RedisKeys.retiredLineages(model));
    }

    /** The lineages that train: every lineage that is not retired, by ordinal. */
    public List<Lineage> active() {
        Map<String, String> retired = retired();
        return all().stream()
                .filter(lineage -> !retired.containsKey(lineage.ref().id()))
                .toList();
    }

    private static String json(Lineage lineage) {
        return new String(ContractJson.write(lineage), StandardCharsets.UTF_8);
    }

    private static Lineage parse(String json) {
        return ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Lineage.class);
    }
}
