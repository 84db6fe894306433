package io.autoloop.collector.repository;

import io.autoloop.collector.domain.TokenBucket;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Token buckets in Redis, one hash per API key at {@code autoloop:ratelimit:{appId}} ({@code tokens},
 * {@code at}), shared by every collector replica. One Lua script call per request takes all of its events
 * at once, atomically, with the arithmetic of {@link TokenBucket} (the script is {@code lua/token-bucket.lua});
 * the key expires once the bucket would be full again. Time comes from the calling replica's clock.
 */
@ApplicationScoped
public class RateLimitRepository {

    private static final String PREFIX = "autoloop:ratelimit:";
    private static final RedisScript SCRIPT = new RedisScript("/lua/token-bucket.lua");

    private final Redis redis;

    public RateLimitRepository(Redis redis) {
        this.redis = redis;
    }

    /** What the bucket answered: whether the events pass, and the tokens left in it. */
    public record Taken(boolean allowed, double tokens) {}

    /** The Redis key of an app's bucket. */
    public static String key(String appId) {
        return PREFIX + appId;
    }

    /**
     * Takes {@code events} tokens from {@code appId}'s bucket at {@code nowMillis}. Fails when Redis does not
     * answer within {@code timeout}; the caller decides what that means.
     */
    public Uni<Taken> take(String appId, TokenBucket bucket, int events, long nowMillis, Duration timeout) {
        List<String> arguments = List.of(
                Double.toString(bucket.capacity()),
                Double.toString(bucket.ratePerSecond()),
                Long.toString(nowMillis),
                Integer.toString(events),
                Long.toString(bucket.refillTime().toMillis() + 1000));
        return SCRIPT.run(redis, List.of(key(appId)), arguments)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(response -> new Taken(
                        response.get(0).toInteger() == 1,
                        Double.parseDouble(response.get(1).toString())));
    }
}
