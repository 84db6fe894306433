package io.autoloop.collector.repository;

import io.autoloop.contracts.RedisKeys;
import java.time.Duration;
import java.util.List;

/**
 * Where the dedup markers of an app live in Redis: one set per app and generation ({@link RedisKeys#dedup}),
 * whose members are the event ids marked during that generation.
 * A generation lasts one TTL ({@code collector.dedup.ttl}) of the wall clock and its set expires one TTL after
 * it ends, so a marker is remembered for at least one TTL and at most two.
 *
 * <p>Why sets and not a key per marker: a request's markers are one {@code SADD} of all its ids and one
 * {@code EXPIREAT}, and its lookup one {@code SMISMEMBER} per generation, instead of a key with its own expiry per
 * event, which cost Redis two to three times the CPU per event (docs/benchmarks.md) and more memory per marker. The
 * braces make {@code appId} a Redis Cluster hash tag, so an app's generations and its rate-limit bucket share a slot
 * and one script may touch them together.
 *
 * <p>A lookup reads the generation the clock is in, the one before it (still alive), and the one after it, which
 * only exists while another replica's clock is already past the boundary.
 */
public final class DedupGenerations {

    private final long ttlMillis;

    public DedupGenerations(Duration ttl) {
        if (ttl.toMillis() < 1000) {
            throw new IllegalArgumentException("collector.dedup.ttl must be at least one second, not " + ttl + ".");
        }
        this.ttlMillis = ttl.toMillis();
    }

    /** The generation the clock is in at {@code nowMillis}. */
    public long generation(long nowMillis) {
        return Math.floorDiv(nowMillis, ttlMillis);
    }

    /** The set that markers written at {@code nowMillis} go to. */
    public String markKey(String appId, long nowMillis) {
        return RedisKeys.dedup(appId, generation(nowMillis));
    }

    /** When the set of {@code generation} expires, in epoch seconds: one TTL after the generation ends. */
    public long expiresAtSeconds(long generation) {
        return Math.floorDiv((generation + 2) * ttlMillis + 999, 1000);
    }

    /** The sets a lookup at {@code nowMillis} reads: the next, the current and the previous generation. */
    public List<String> lookupKeys(String appId, long nowMillis) {
        long current = generation(nowMillis);
        return List.of(
                RedisKeys.dedup(appId, current + 1),
                RedisKeys.dedup(appId, current),
                RedisKeys.dedup(appId, current - 1));
    }
}
