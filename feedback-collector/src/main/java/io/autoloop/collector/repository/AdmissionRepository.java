package io.autoloop.collector.repository;

import io.autoloop.collector.domain.TokenBucket;
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
 * when they pass, looks up the dedup markers of its event ids. Buckets are hashes at
 * {@code autoloop:ratelimit:{appId}} ({@code tokens}, {@code at}), shared by every collector replica, with the
 * arithmetic of {@link TokenBucket}; a bucket expires once it would be full again. Markers are the keys of
 * {@link DedupRepository#key}. Time comes from the calling replica's clock.
 */
@ApplicationScoped
public class AdmissionRepository {

    private static final String PREFIX = "autoloop:ratelimit:";
    private static final RedisScript SCRIPT = new RedisScript("/lua/admit.lua");

    private final Redis redis;

    public AdmissionRepository(Redis redis) {
        this.redis = redis;
    }

    /**
     * What Redis answered: whether the events pass, the tokens left in the bucket, and the event ids that already
     * have a marker (empty when they did not pass: a refused request looks nothing up).
     */
    public record Admitted(boolean allowed, double tokens, Set<String> known) {}

    /** The Redis key of an app's bucket. */
    public static String key(String appId) {
        return PREFIX + appId;
    }

    /**
     * Takes {@code eventIds.size()} tokens from {@code appId}'s bucket at {@code nowMillis} and looks the ids up.
     * Fails when Redis does not answer within {@code timeout}; the caller decides what that means.
     */
    public Uni<Admitted> admit(
            String appId, TokenBucket bucket, List<String> eventIds, long nowMillis, Duration timeout) {
        List<String> keys = new ArrayList<>(eventIds.size() + 1);
        keys.add(key(appId));
        for (String eventId : eventIds) {
            keys.add(DedupRepository.key(appId, eventId));
        }
        List<String> arguments = List.of(
                Double.toString(bucket.capacity()),
                Double.toString(bucket.ratePerSecond()),
                Long.toString(nowMillis),
                Integer.toString(eventIds.size()),
                Long.toString(bucket.refillTime().toMillis() + 1000));
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
