package io.autoloop.retrainer.repository;

import io.autoloop.contracts.TrainerHealth;
import io.autoloop.contracts.json.ContractJson;
import io.autoloop.platform.redis.LuaScript;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Writes the model's {@link TrainerHealth} to {@code autoloop:model:{name}:trainer}, the report the router's dashboard
 * reads: one JSON value set by a script fenced by the trainer lease, so only the active trainer writes it, with an
 * expiry of {@value #EXPIRY_DAYS} day so a model whose retrainer is gone for good leaves no key behind (the router calls
 * a report stale long before, at its {@code staleAt}).
 */
@ApplicationScoped
public class TrainerHealthStore {

    static final int EXPIRY_DAYS = 1;

    /** KEYS lease, health; ARGV holder, JSON, expiry in ms. Returns 1 when written, 0 when the lease is not the holder's. */
    private static final LuaScript WRITE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1""");

    private final Redis redis;
    private final String key;
    private final Duration timeout;

    public TrainerHealthStore(Redis redis, RetrainerConfig config) {
        this.redis = redis;
        this.key = new RegistryKeys(config.modelName()).health();
        this.timeout = config.redisTimeout();
    }

    /**
     * Writes {@code health} if {@code lease} is still held.
     *
     * @return false when the lease is lost (nothing was written)
     */
    public boolean write(TrainerLease lease, TrainerHealth health) {
        Response written = WRITE.call(
                redis,
                timeout,
                List.of(lease.key(), key),
                List.of(
                        lease.holder(),
                        ContractJson.write(health),
                        Long.toString(Duration.ofDays(EXPIRY_DAYS).toMillis())));
        return written != null && written.toLong() == 1;
    }
}
