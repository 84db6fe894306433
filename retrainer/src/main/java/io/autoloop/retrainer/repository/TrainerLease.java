package io.autoloop.retrainer.repository;

import io.autoloop.platform.redis.RedisLease;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The lease {@code autoloop:lease:trainer:{name}} that makes one retrainer instance the active trainer of a model: the
 * platform's {@link RedisLease} on the model's key, held under this instance's id for {@code retrainer.lease.ttl}.
 * Every write of the trainer (checkpoints, publishes) is fenced by it, so an instance that lost the lease (a long
 * pause, a partition) cannot overwrite the new holder's state.
 */
@ApplicationScoped
public class TrainerLease {

    private final RedisLease lease;
    private final String model;
    private final String key;
    private final Duration ttl;
    private final String holder;

    @Inject
    public TrainerLease(Redis redis, RetrainerConfig config) {
        this(
                new RedisLease(redis, config.redisTimeout()),
                new RegistryKeys(config.modelName()),
                config.lease().ttl(),
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    /** A handle on the lease of {@code keys}' model for {@code holder}; tests use it to play another instance. */
    public TrainerLease(RedisLease lease, RegistryKeys keys, Duration ttl, String holder) {
        this.lease = lease;
        this.model = keys.name();
        this.key = keys.lease();
        this.ttl = ttl;
        this.holder = holder;
    }

    /** The model this lease makes one instance the trainer of. */
    public String model() {
        return model;
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
        return lease.takeOrRenew(key, holder, ttl);
    }

    /** Extends the lease; false when this instance no longer holds it. */
    public boolean renew() {
        return lease.renew(key, holder, ttl);
    }

    /** Gives the lease up if this instance holds it, so a standby takes over at once. */
    public void release() {
        lease.release(key, holder);
    }

    /** The current holder, if any. */
    public Optional<String> currentHolder() {
        return lease.holder(key);
    }

    String key() {
        return key;
    }
}
