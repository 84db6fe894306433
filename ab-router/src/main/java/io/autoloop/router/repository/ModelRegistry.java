package io.autoloop.router.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.ModelVersion;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.TrainerHealth;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads the model registry the retrainer writes to Redis: model bytes, {@link ModelVersion} metadata, the versions by
 * creation time, the model's {@link Lineage}s, the aliases the controller writes, and the {@link TrainerHealth} the
 * active retrainer reports. Every call blocks; none is made on the ranking path.
 */
@ApplicationScoped
public class ModelRegistry {

    private final RedisDataSource redis;

    public ModelRegistry(RedisDataSource redis) {
        this.redis = redis;
    }

    /** The bytes of a version, empty when the registry has none. */
    public Optional<byte[]> modelBytes(String name, String version) {
        return Optional.ofNullable(redis.value(byte[].class).get(RedisKeys.model(name, version)));
    }

    /** The health of the model's training as its active retrainer last reported it, empty when none has. */
    public Optional<TrainerHealth> trainerHealth(String name) {
        String json = redis.value(String.class).get(RedisKeys.trainerHealth(name));
        return json == null
                ? Optional.empty()
                : Optional.of(ContractJson.read(json.getBytes(StandardCharsets.UTF_8), TrainerHealth.class));
    }

    /** The metadata of a version, empty when the registry has none. */
    public Optional<ModelVersion> metadata(String name, String version) {
        String json = redis.value(String.class).get(RedisKeys.modelMeta(name, version));
        return json == null
                ? Optional.empty()
                : Optional.of(ContractJson.read(json.getBytes(StandardCharsets.UTF_8), ModelVersion.class));
    }

    /** The most recently created version, empty when the registry has none. */
    public Optional<String> newestVersion(String name) {
        List<String> newest = redis.sortedSet(String.class).zrange(RedisKeys.modelVersions(name), -1, -1);
        return newest.isEmpty() ? Optional.empty() : Optional.of(newest.get(0));
    }

    /** The {@code limit} most recently created versions, newest first. */
    public List<String> newestVersions(String name, int limit) {
        List<String> versions =
                new ArrayList<>(redis.sortedSet(String.class).zrange(RedisKeys.modelVersions(name), -limit, -1));
        Collections.reverse(versions);
        return versions;
    }

    /** The model's lineages as the retrainer registered them, in no particular order. */
    public List<Lineage> lineages(String name) {
        return redis.hash(String.class).hgetall(RedisKeys.lineages(name)).values().stream()
                .map(json -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Lineage.class))
                .toList();
    }

    /** The version an alias names, empty when unset. */
    public Optional<String> alias(String name, Arm arm) {
        return Optional.ofNullable(redis.value(String.class).get(RedisKeys.alias(name, arm)));
    }
}
