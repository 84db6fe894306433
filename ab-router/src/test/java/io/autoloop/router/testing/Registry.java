package io.autoloop.router.testing;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.redis.datasource.RedisDataSource;
import java.nio.charset.StandardCharsets;

/** Publishes models to the Redis registry as the retrainer does: bytes, metadata, and the versions sorted set. */
public final class Registry {

    private final RedisDataSource redis;

    public Registry(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Writes {@code model} under its name and version. */
    public void publish(TestModels.Built model) {
        publish(model.metadata().name(), model.metadata().version(), model.bytes(), model);
    }

    /** Writes {@code bytes} (possibly not the model's) with {@code model}'s metadata. */
    public void publish(String name, String version, byte[] bytes, TestModels.Built model) {
        redis.value(byte[].class).set(RedisKeys.model(name, version), bytes);
        redis.value(String.class)
                .set(
                        RedisKeys.modelMeta(name, version),
                        new String(ContractJson.write(model.metadata()), StandardCharsets.UTF_8));
        redis.sortedSet(String.class)
                .zadd(
                        RedisKeys.modelVersions(name),
                        model.metadata().createdAt().toEpochMilli(),
                        version);
    }
}
