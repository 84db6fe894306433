package io.autoloop.retrainer.repository;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.platform.redis.LuaScript;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model registry in Redis (docs/architecture.md, "Redis keys"): model bytes, {@code ModelVersion} metadata, the version
 * index scored by creation time, the champion alias the router writes, and the latest gate decisions.
 */
@ApplicationScoped
public class ModelRegistry {

    /** What {@link #publish} did. */
    public enum PublishResult {
        PUBLISHED,
        VERSION_EXISTS,
        LEASE_LOST
    }

    /**
     * KEYS lease, model bytes, model meta, versions, checkpoint; ARGV holder, version, model bytes, meta JSON,
     * created-at ms, checkpoint bytes. Returns 1 when published, 0 when the version exists, -1 when the lease is
     * not the holder's. Model, meta, version index and checkpoint are written together or not at all.
     */
    private static final LuaScript PUBLISH = LuaScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return -1
            end
            if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('ZSCORE', KEYS[4], ARGV[2]) then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[3])
            redis.call('SET', KEYS[3], ARGV[4])
            redis.call('ZADD', KEYS[4], ARGV[5], ARGV[2])
            redis.call('SET', KEYS[5], ARGV[6])
            return 1""");

    private final ValueCommands<String, byte[]> bytes;
    private final ValueCommands<String, String> texts;
    private final SortedSetCommands<String, String> versions;
    private final ListCommands<String, String> lists;
    private final Redis redis;
    private final RegistryKeys keys;
    private final int historySize;
    private final Duration timeout;

    public ModelRegistry(RedisDataSource redisDataSource, Redis redis, RetrainerConfig config) {
        this.bytes = redisDataSource.value(byte[].class);
        this.texts = redisDataSource.value(String.class);
        this.versions = redisDataSource.sortedSet(String.class);
        this.lists = redisDataSource.list(String.class);
        this.redis = redis;
        this.keys = new RegistryKeys(config.modelName());
        this.historySize = config.gate().historySize();
        this.timeout = config.redisTimeout();
    }

    public RegistryKeys keys() {
        return keys;
    }

    /** The number of published versions. */
    public long size() {
        return versions.zcard(keys.versions());
    }

    /** The metadata of the newest {@code limit} versions, newest (by creation time) first. */
    public List<ModelVersion> newest(int limit) {
        List<String> names = versions.zrange(keys.versions(), 0, limit - 1L, new ZRangeArgs().rev());
        if (names.isEmpty()) {
            return List.of();
        }
        String[] metaKeys = names.stream().map(keys::meta).toArray(String[]::new);
        List<ModelVersion> result = new ArrayList<>(names.size());
        texts.mget(metaKeys).values().stream().filter(Objects::nonNull).forEach(json -> result.add(parse(json)));
        result.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        return result;
    }

    /** The newest version by creation time, if any. */
    public Optional<String> newestVersion() {
        List<String> names = versions.zrange(keys.versions(), 0, 0, new ZRangeArgs().rev());
        return names.stream().findFirst();
    }

    /** The metadata of {@code version}, if published. */
    public Optional<ModelVersion> version(String version) {
        return Optional.ofNullable(texts.get(keys.meta(version))).map(ModelRegistry::parse);
    }

    /** The model bytes of {@code version}, if published. */
    public Optional<byte[]> modelBytes(String version) {
        return Optional.ofNullable(bytes.get(keys.bytes(version)));
    }

    /**
     * The champion: the version the champion alias (written by the router's controller) names, or the newest version
     * when the router has named none; empty when the registry is empty.
     */
    public Optional<String> championVersion() {
        return Optional.ofNullable(texts.get(keys.champion())).or(this::newestVersion);
    }

    /**
     * Writes model bytes, metadata, the version index entry and the trainer checkpoint in one script, only while
     * {@code lease} is held and only if the version is new.
     */
    public PublishResult publish(TrainerLease lease, ModelVersion meta, byte[] model, byte[] checkpoint) {
        Response published = PUBLISH.call(
                redis,
                timeout,
                List.of(
                        lease.key(),
                        keys.bytes(meta.version()),
                        keys.meta(meta.version()),
                        keys.versions(),
                        keys.checkpoint()),
                List.of(
                        lease.holder(),
                        meta.version(),
                        model,
                        ContractJson.write(meta),
                        meta.createdAt().toEpochMilli(),
                        checkpoint));
        long result = published == null ? 0 : published.toLong();
        return result == 1
                ? PublishResult.PUBLISHED
                : result == 0 ? PublishResult.VERSION_EXISTS : PublishResult.LEASE_LOST;
    }

    /** Keeps {@code decision} among the latest {@code retrainer.gate.history-size} gate decisions. */
    public void recordGateDecision(GateDecision decision) {
        lists.lpush(keys.gateDecisions(), new String(ContractJson.write(decision), StandardCharsets.UTF_8));
        lists.ltrim(keys.gateDecisions(), 0, historySize - 1L);
    }

    /** The latest {@code limit} gate decisions, newest first. */
    public List<GateDecision> gateDecisions(int limit) {
        return lists.lrange(keys.gateDecisions(), 0, limit - 1L).stream()
                .map(json -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8), GateDecision.class))
                .toList();
    }

    private static ModelVersion parse(String json) {
        return ContractJson.read(json.getBytes(StandardCharsets.UTF_8), ModelVersion.class);
    }
}
