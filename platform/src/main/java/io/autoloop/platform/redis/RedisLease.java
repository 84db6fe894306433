package io.autoloop.platform.redis;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Leases in Redis, which make one process at a time (an ab-router replica, a retrainer instance) do a job: a lease is
 * a key holding its holder's id with an expiry. The holder renews it well within its time to live; another process
 * takes it once the holder released it or stopped renewing it and it expired. Every change is one script that checks
 * the holder first, so only the holder renews or releases a lease: a process that paused past the expiry cannot
 * extend or delete the lease another process has taken meanwhile. The same check fences a holder's own writes (the
 * retrainer's checkpoint and publish scripts compare the lease's value to their holder id before writing).
 *
 * <p>A plain class, built by each service that uses Redis over its client; each call blocks for at most the timeout it
 * was built with, so it belongs on a worker or scheduler thread, never on the event loop.
 */
public final class RedisLease {

    /** KEYS lease; ARGV holder, ttl ms. 1 when the holder has the lease now: renewed, or taken because it was free. */
    private static final LuaScript TAKE_OR_RENEW = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return 1
            end
            return 0
            """);

    /** KEYS lease; ARGV holder, ttl ms. 1 when the holder's lease was extended, 0 when it is not the holder's. */
    private static final LuaScript RENEW = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """);

    /** KEYS lease; ARGV holder. 1 when the holder's lease was deleted, 0 when it is not the holder's. */
    private static final LuaScript RELEASE = LuaScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    private final Redis redis;
    private final Duration timeout;

    /** Leases over {@code redis}, each call waiting at most {@code timeout} for Redis' answer. */
    public RedisLease(Redis redis, Duration timeout) {
        this.redis = Objects.requireNonNull(redis, "A lease needs the Redis client it is kept in.");
        this.timeout = Objects.requireNonNull(timeout, "A lease needs a timeout for its Redis calls.");
    }

    /**
     * Takes the lease {@code key} for {@code holder} when nobody holds it, or extends it to {@code ttl} from now when
     * {@code holder} already does; true when {@code holder} holds it now, false when another holder does.
     */
    public boolean takeOrRenew(String key, String holder, Duration ttl) {
        return isOne(TAKE_OR_RENEW.call(redis, timeout, List.of(key), List.of(holder, millis(ttl))));
    }

    /** Extends {@code holder}'s lease {@code key} to {@code ttl} from now; false, changing nothing, when not its. */
    public boolean renew(String key, String holder, Duration ttl) {
        return isOne(RENEW.call(redis, timeout, List.of(key), List.of(holder, millis(ttl))));
    }

    /**
     * Deletes the lease {@code key} when {@code holder} holds it, so that another process takes it at once; false,
     * changing nothing, when not its.
     */
    public boolean release(String key, String holder) {
        return isOne(RELEASE.call(redis, timeout, List.of(key), List.of(holder)));
    }

    /** The holder of the lease {@code key} now, empty when nobody holds it. */
    public Optional<String> holder(String key) {
        Response value = redis.send(Request.cmd(Command.GET).arg(key)).await().atMost(timeout);
        return Optional.ofNullable(value).map(Response::toString);
    }

    private static long millis(Duration ttl) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("A lease lives at least 1 ms; " + ttl + " is too short.");
        }
        return ttl.toMillis();
    }

    private static boolean isOne(Response response) {
        return response != null && response.toLong() == 1;
    }
}
