package io.autoloop.collector.repository;

import io.autoloop.collector.config.CollectorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The de-duplication markers in Redis: {@code autoloop:dedup:{appId}:{eventId}} → {@code 1} with a TTL
 * ({@code collector.dedup.ttl}). They are looked up with the rate limit ({@link AdmissionRepository}) and
 * written, for the events Kafka acknowledged, by one script call ({@code lua/dedup-mark.lua}, a
 * {@code SET ... EX} per key). Keys hold the client's event id and the configured app id, never a user id.
 */
@ApplicationScoped
public class DedupRepository {

    private static final String PREFIX = "autoloop:dedup:";
    private static final RedisScript MARK = new RedisScript("/lua/dedup-mark.lua");

    private final Redis redis;
    private final List<String> ttlSeconds;
    private final Duration timeout;

    public DedupRepository(Redis redis, CollectorConfig config) {
        this.redis = redis;
        this.ttlSeconds = List.of(Long.toString(Math.max(1, config.dedup().ttl().toSeconds())));
        this.timeout = config.redisTimeout();
    }

    /** The Redis key of an event's marker. */
    public static String key(String appId, String eventId) {
        return PREFIX + appId + ":" + eventId;
    }

    /** Writes the markers of {@code eventIds}; true when Redis took them all within the timeout. Never fails. */
    public Uni<Boolean> mark(String appId, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        List<String> keys = new ArrayList<>(eventIds.size());
        for (String id : eventIds) {
            keys.add(key(appId, id));
        }
        return MARK.run(redis, keys, ttlSeconds)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(ignored -> true)
                .onFailure()
                .recoverWithItem(false);
    }
}
