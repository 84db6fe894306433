package io.autoloop.retrainer.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.platform.redis.LuaScript;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.SemanticVersion;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The model registry in Redis (docs/architecture.md, "Redis keys"): model bytes, {@code ModelVersion} metadata, the version
 * index scored by creation time, the champion alias the router writes, and the latest gate decisions; it keeps the
 * newest versions of each lineage and deletes the older ones nothing names ({@link #prune}).
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

    /**
     * KEYS versions, champion alias, challenger alias, waiting candidates (a hash); ARGV versions to delete, then the
     * versions the running experiment names after the marker {@code --}. Deletes each version's bytes, meta and index
     * entry unless an alias, a waiting candidate or the experiment names it; returns the number deleted. The aliases
     * and the candidates are read inside the script, so a version the router names meanwhile is kept.
     */
    private static final LuaScript PRUNE = LuaScript.of("""
            local kept = {}
            for _, key in ipairs({KEYS[2], KEYS[3]}) do
              local version = redis.call('GET', key)
              if version then kept[version] = true end
            end
            for _, candidate in ipairs(redis.call('HVALS', KEYS[4])) do
              local ok, meta = pcall(cjson.decode, candidate)
              if ok and type(meta) == 'table' and meta['version'] then kept[meta['version']] = true end
            end
            local named = false
            for _, version in ipairs(ARGV) do
              if version == '--' then named = true elseif named then kept[version] = true end
            end
            local deleted = 0
            for _, version in ipairs(ARGV) do
              if version == '--' then break end
              if not kept[version] then
                local model = KEYS[5] .. version
                redis.call('DEL', model, model .. ':meta')
                redis.call('ZREM', KEYS[1], version)
                deleted = deleted + 1
              end
            end
            return deleted""");

    /** The arms of the running experiment's JSON, as the ab-router writes it. */
    private record ExperimentArms(String champion, String challenger) {}

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

    /** The version the challenger alias (written by the router's controller while an experiment runs) names. */
    public Optional<String> challengerVersion() {
        return Optional.ofNullable(texts.get(RedisKeys.alias(keys.name(), Arm.CHALLENGER)));
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

    /**
     * The newest version of the lineage whose versions have the major {@code ordinal}, by version number.
     */
    public Optional<String> newestOfLineage(int ordinal) {
        return versions.zrange(keys.versions(), 0, -1).stream()
                .map(SemanticVersion::parse)
                .filter(version -> version.major() == ordinal)
                .max(Comparator.naturalOrder())
                .map(SemanticVersion::toString);
    }

    /**
     * Deletes every version (bytes, meta, index entry) but the newest {@code keepPerLineage} of each lineage (the
     * versions of one major) and those that the champion or challenger alias, the running experiment or the waiting
     * candidate name.
     *
     * @return the number of versions deleted
     */
    public long prune(int keepPerLineage) {
        Map<Integer, List<SemanticVersion>> byLineage = versions.zrange(keys.versions(), 0, -1).stream()
                .map(SemanticVersion::parse)
                .collect(Collectors.groupingBy(SemanticVersion::major));
        List<String> arguments = new ArrayList<>();
        byLineage
                .values()
                .forEach(lineage -> lineage.stream()
                        .sorted(Comparator.reverseOrder())
                        .skip(keepPerLineage)
                        .forEach(version -> arguments.add(version.toString())));
        if (arguments.isEmpty()) {
            return 0;
        }
        arguments.add("--");
        arguments.addAll(experimentVersions());
        Response deleted = PRUNE.call(
                redis,
                timeout,
                List.of(
                        keys.versions(),
                        keys.champion(),
                        RedisKeys.alias(keys.name(), Arm.CHALLENGER),
                        RedisKeys.candidates(keys.name()),
                        RedisKeys.model(keys.name(), "")),
                arguments);
        return deleted == null ? 0 : deleted.toLong();
    }

    /** The champion and challenger versions of the running experiment; empty when none runs. */
    private List<String> experimentVersions() {
        String id = texts.get(RedisKeys.runningExperiment(keys.name()));
        String json = id == null ? null : texts.get(RedisKeys.experiment(id));
        if (json == null) {
            return List.of();
        }
        ExperimentArms arms = ContractJson.read(json.getBytes(StandardCharsets.UTF_8), ExperimentArms.class);
        return Stream.of(arms.champion(), arms.challenger())
                .filter(Objects::nonNull)
                .toList();
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
