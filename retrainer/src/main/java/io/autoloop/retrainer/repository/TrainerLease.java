package io.autoloop.retrainer.repository;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The lease {@code autoloop:lease:trainer:{name}} that makes one retrainer instance the active trainer of a model:
 * acquired with {@code SET NX PX}, renewed and released only by its holder. Every write of the trainer (checkpoints,
 * publishes) is fenced by it, so an instance that lost the lease (a long pause, a partition) cannot overwrite the new
 * holder's state.
 */
@ApplicationScoped
public class TrainerLease {

    private final ValueCommands<String, String> values;
    private final Redis redis;
    private final String key;
    private final Duration ttl;
    private final Duration timeout;
    private final String holder;

    @Inject
    public TrainerLease(RedisDataSource redisDataSource, Redis redis, RetrainerConfig config) {
        this(
                redisDataSource,
                redis,
                new RegistryKeys(config.modelName()),
                config.lease().ttl(),
                config.redisTimeout(),
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    /** A handle on the lease of {@code keys}' model for {@code holder}; tests use it to play another instance. */
    public TrainerLease(
            RedisDataSource redisDataSource,
            Redis redis,
            RegistryKeys keys,
            Duration ttl,
            Duration timeout,
            String holder) {
        this.values = redisDataSource.value(String.class);
        this.redis = redis;
        this.key = keys.lease();
        this.ttl = ttl;
        this.timeout = timeout;
        this.holder = holder;
    }

    /** This instance's id: {@code pid@host/uuid}. */
    public String holder() {
        return holder;
    }

    /** How long a lease lives without renewal. */
    public Duration ttl() {
        return ttl;
    }

    /** Takes the lease when it is free, or extends it when this instance already holds it. */
    public boolean acquire() {
        String previous = values.setGet(key, holder, new SetArgs().nx().px(ttl));
        return previous == null || holder.equals(previous) && renew();
    }

    /** Extends the lease; false when this instance no longer holds it. */
    public boolean renew() {
        return LuaScripts.eval(redis, timeout, LuaScripts.RENEW, new String[] {key}, holder, ttl.toMillis()) == 1;
    }

    /** Gives the lease up if this instance holds it, so a standby takes over at once. */
    public void release() {
        LuaScripts.eval(redis, timeout, LuaScripts.RELEASE, new String[] {key}, holder);
    }

    /** The current holder, if any. */
    public Optional<String> currentHolder() {
        return Optional.ofNullable(values.get(key));
    }

    String key() {
        return key;
    }
}
