package io.autoloop.collector.repository;

import io.autoloop.collector.config.CollectorConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The de-duplication markers in Redis: {@code autoloop:dedup:{appId}:{eventId}} → {@code 1} with a TTL
 * ({@code collector.dedup.ttl}). One {@code MGET} per request looks the events up; one script call
 * ({@code lua/dedup-mark.lua}, a {@code SET ... EX} per key) writes the markers of the events Kafka
 * acknowledged. Keys hold the client's event id and
 * the configured app id, never a user id.
 */
@ApplicationScoped
public class DedupRepository {

    private static final String PREFIX = "autoloop:dedup:";
    private static final RedisScript MARK = new RedisScript("/lua/dedup-mark.lua");

    private final Redis redis;
    private final String ttlSeconds;
    private final Duration timeout;

    public DedupRepository(Redis redis, CollectorConfig config) {
        this.redis = redis;
        this.ttlSeconds = Long.toString(Math.max(1, config.dedup().ttl().toSeconds()));
        this.timeout = config.redisTimeout();
    }

    /** The Redis key of an event's marker. */
    public static String key(String appId, String eventId) {
        return PREFIX + appId + ":" + eventId;
    }

    /**
     * The ids among {@code eventIds} that already have a marker, or empty when Redis could not answer within
     * the Redis timeout (the caller then publishes without de-duplication). Never fails.
     */
    public Uni<Optional<Set<String>>> known(String appId, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Optional.of(Set.of()));
        }
        Request mget = Request.cmd(Command.MGET);
        eventIds.forEach(id -> mget.arg(key(appId, id)));
        return redis.send(mget)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(response -> Optional.of(present(eventIds, response)))
                .onFailure()
                .recoverWithItem(Optional.empty());
    }

    /** Writes the markers of {@code eventIds}; true when Redis took them all within the timeout. Never fails. */
    public Uni<Boolean> mark(String appId, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        List<Request> sets = new ArrayList<>(eventIds.size());
        for (String id : eventIds) {
            sets.add(Request.cmd(Command.SET)
                    .arg(key(appId, id))
                    .arg("1")
                    .arg("EX")
                    .arg(ttlSeconds));
        }
        return redis.batch(sets)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(ignored -> true)
                .onFailure()
                .recoverWithItem(false);
    }

    private static Set<String> present(List<String> eventIds, Response values) {
        Set<String> known = new HashSet<>();
        for (int i = 0; i < eventIds.size(); i++) {
            if (values.get(i) != null) {
                known.add(eventIds.get(i));
            }
        }
        return known;
    }
}
