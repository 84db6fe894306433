package io.autoloop.router.repository;

import io.autoloop.contracts.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The controller lease of one model in Redis ({@code autoloop:lease:controller:{model}}): the holder's id with an
 * expiry. A replica holds it while it renews it in time; only the holder runs the experiment controller.
 */
@ApplicationScoped
public class ControllerLease {

    /** Renews the lease when {@code holder} has it, takes it when nobody has; answers 1 when the caller holds it. */
    private static final String ACQUIRE_OR_RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return 1
            end
            return 0
            """;

    /** Deletes the lease only when {@code holder} has it. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedisDataSource redis;

    public ControllerLease(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Takes or renews the lease of {@code model} for {@code holder}; true when {@code holder} now holds it. */
    public boolean acquireOrRenew(String model, String holder, Duration ttl) {
        Response response = redis.execute(
                "EVAL", ACQUIRE_OR_RENEW, "1", RedisKeys.controllerLease(model), holder, Long.toString(ttl.toMillis()));
        return response != null && response.toInteger() == 1;
    }

    /** Gives the lease up when {@code holder} has it. */
    public void release(String model, String holder) {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.controllerLease(model), holder);
    }

    /** The current holder of the lease of {@code model}, null when nobody holds it. */
    public String holder(String model) {
        return redis.value(String.class).get(RedisKeys.controllerLease(model));
    }
}
