package io.autoloop.router.repository;

import io.autoloop.contracts.RedisKeys;
import io.autoloop.platform.redis.RedisLease;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The controller lease of each model in Redis ({@link RedisKeys#controllerLease}), a {@link RedisLease} per model
 * rather than one for the router, so that models (and tests) do not compete: the holder's id with an expiry. A replica
 * holds it while it renews it in time; only the holder runs the model's experiment controller.
 */
@ApplicationScoped
public class ControllerLease {

    private final RedisLease lease;

    /** The leases over the router's Redis, each call waiting as long as the router's other blocking Redis calls. */
    @Inject
    public ControllerLease(Redis redis, @ConfigProperty(name = "quarkus.redis.timeout") Duration timeout) {
        this(new RedisLease(redis, timeout));
    }

    /** The controller leases kept by {@code lease}. */
    public ControllerLease(RedisLease lease) {
        this.lease = lease;
    }

    /** Takes or renews the lease of {@code model} for {@code holder}; true when {@code holder} now holds it. */
    public boolean acquireOrRenew(String model, String holder, Duration ttl) {
        return lease.takeOrRenew(RedisKeys.controllerLease(model), holder, ttl);
    }

    /** Gives the lease up when {@code holder} has it. */
    public void release(String model, String holder) {
        lease.release(RedisKeys.controllerLease(model), holder);
    }

    /** The current holder of the lease of {@code model}, null when nobody holds it. */
    public String holder(String model) {
        return lease.holder(RedisKeys.controllerLease(model)).orElse(null);
    }
}
