package io.autoloop.retrainer.repository;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads and writes the trainer checkpoint {@code autoloop:checkpoint:{name}}: one value, written with one fenced
 * {@code SET}, so it is always a whole checkpoint of the lease holder.
 */
@ApplicationScoped
public class CheckpointStore {

    private final ValueCommands<String, byte[]> values;
    private final Redis redis;
    private final String key;
    private final Duration timeout;

    public CheckpointStore(RedisDataSource redisDataSource, Redis redis, RetrainerConfig config) {
        this.values = redisDataSource.value(byte[].class);
        this.redis = redis;
        this.key = new RegistryKeys(config.modelName()).checkpoint();
        this.timeout = config.redisTimeout();
    }

    /** The saved checkpoint, if any. */
    public Optional<byte[]> read() {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * Saves {@code checkpoint} if {@code lease} is still held.
     *
     * @return false when the lease is lost (nothing was written)
     */
    public boolean write(TrainerLease lease, byte[] checkpoint) {
        return LuaScripts.eval(
                        redis,
                        timeout,
                        LuaScripts.WRITE_CHECKPOINT,
                        new String[] {lease.key(), key},
                        lease.holder(),
                        checkpoint)
                == 1;
    }
}
