package io.autoloop.collector.repository;

import io.autoloop.collector.domain.TokenBucket;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.platform.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Admits a request in one Redis call ({@code lua/admit.lua}): takes its events from the app's token bucket and,
 * when they pass, looks up its event ids among the app's dedup markers ({@link DedupGenerations}). Buckets are
 * hashes at {@link RedisKeys#rateLimit} ({@code tokens}, {@code at}; the braces around the app id are literal, a
 * Redis Cluster hash tag shared with the markers), shared by every collector replica, with the arithmetic of
 * {@link TokenBucket}; a bucket expires once it would be full again. Time comes from the calling replica's clock.
 */
@ApplicationScoped
public class AdmissionRepository {

    private static final LuaScript SCRIPT = LuaScript.fromResource(AdmissionRepository.class, "/lua/admit.lua");

    private final Redis redis;
    private final DedupGenerations generations;

    public AdmissionRepository(Redis redis, DedupGenerations generations) {
        this.redis = redis;
        this.generations = generations;
    }

    /**
     * What Redis answered: whether the events pass, the tokens left in the bucket, and the event ids that already
     * have a marker (empty when they did not pass: a refused request looks nothing up).
     */
    public record Admitted(boolean allowed, double tokens, Set<String> known) {}

    /** The Redis key of an app's bucket: {@link RedisKeys#rateLimit}. */
    public static String key(String appId) {
        return RedisKeys.rateLimit(appId);
    }

    /**
     * Takes {@code tokens} tokens from {@code appId}'s bucket at {@code nowMillis} and, when they pass, looks
     * {@code eventIds} up. Fails when Redis does not answer within {@code timeout}; the caller decides what that means.
     */
    public Uni<Admitted> admit(
            String appId, TokenBucket bucket, int tokens, List<String> eventIds, long nowMillis, Duration timeout) {
        List<String> keys = new ArrayList<>(4);
        keys.add(key(appId));
        keys.addAll(generations.lookupKeys(appId, nowMillis));
        List<String> arguments = new ArrayList<>(eventIds.size() + 5);
        arguments.add(Double.toString(bucket.capacity()));
        arguments.add(Double.toString(bucket.ratePerSecond()));
        arguments.add(Long.toString(nowMillis));
        arguments.add(Integer.toString(tokens));
        arguments.add(Long.toString(bucket.refillTime().toMillis() + 1000));
        arguments.addAll(eventIds);
        return SCRIPT.run(redis, keys, arguments)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(response -> new Admitted(
                        response.get(0).toInteger() == 1,
                        Double.parseDouble(response.get(1).toString()),
                        known(eventIds, response.get(2))));
    }

    private static Set<String> known(List<String> eventIds, Response flags) {
        Set<String> known = new HashSet<>();
        for (int i = 0; i < flags.size(); i++) {
            if (flags.get(i).toInteger() == 1) {
                known.add(eventIds.get(i));
            }
        }
        return known;
    }
}
