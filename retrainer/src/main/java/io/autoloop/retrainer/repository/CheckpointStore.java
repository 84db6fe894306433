package io.autoloop.retrainer.repository;

import io.autoloop.platform.redis.LuaScript;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the trainer checkpoint {@code autoloop:checkpoint:{name}}: one value, written with one fenced
 * {@code SET}, so it is always a whole checkpoint of the lease holder.
 */
@ApplicationScoped
public class CheckpointStore {

    /** KEYS lease, checkpoint; ARGV holder, bytes. Returns 1 when written, 0 when the lease is not the holder's. */
    private static final LuaScript WRITE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[2])
            return 1""");

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
        Response written = WRITE.call(redis, timeout, List.of(lease.key(), key), List.of(lease.holder(), checkpoint));
        return written != null && written.toLong() == 1;
    }
}
