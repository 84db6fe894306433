package io.autoloop.collector.repository;

import io.autoloop.collector.domain.TokenBucket;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.platform.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Takes a request's events from its app's token bucket in one Redis call ({@code lua/rate-limit.lua}) and answers
 * whether they pass. Buckets are hashes at {@link RedisKeys#rateLimit} ({@code tokens}, {@code at}), shared by every
 * collector replica, with the arithmetic of {@link TokenBucket}; a bucket expires once it would be full again, so
 * Redis holds one small hash per active app and nothing per event. Time comes from the calling replica's clock.
 */
@ApplicationScoped
public class RateLimitRepository {

    private static final LuaScript SCRIPT = LuaScript.fromResource(RateLimitRepository.class, "/lua/rate-limit.lua");

    private final Redis redis;

    public RateLimitRepository(Redis redis) {
        this.redis = redis;
    }

    /** What Redis answered: whether the events pass, and the tokens left in the bucket. */
    public record Taken(boolean allowed, double tokens) {}

    /**
     * Takes {@code tokens} tokens from {@code appId}'s bucket at {@code nowMillis}. Fails when Redis does not answer
     * within {@code timeout}; the caller decides what that means.
     */
    public Uni<Taken> take(String appId, TokenBucket bucket, int tokens, long nowMillis, Duration timeout) {
        List<String> arguments = List.of(
                Double.toString(bucket.capacity()),
                Double.toString(bucket.ratePerSecond()),
                Long.toString(nowMillis),
                Integer.toString(tokens),
                Long.toString(bucket.refillTime().toMillis() + 1000));
        return SCRIPT.run(redis, List.of(RedisKeys.rateLimit(appId)), arguments)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(response -> new Taken(
                        response.get(0).toInteger() == 1,
                        Double.parseDouble(response.get(1).toString())));
    }
}
