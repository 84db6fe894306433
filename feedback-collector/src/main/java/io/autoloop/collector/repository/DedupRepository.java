package io.autoloop.collector.repository;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.contracts.RedisKeys;
import io.autoloop.platform.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the de-duplication markers of the events Kafka acknowledged: one script call per request
 * ({@code lua/dedup-mark.lua}) adds their event ids to the app's set of the current generation and sets its expiry
 * ({@link DedupGenerations}). They are looked up with the rate limit ({@link AdmissionRepository}). Keys and members
 * hold the configured app id and the client's event ids, never a user id.
 */
@ApplicationScoped
public class DedupRepository {

    private static final LuaScript MARK = LuaScript.fromResource(DedupRepository.class, "/lua/dedup-mark.lua");

    private final Redis redis;
    private final DedupGenerations generations;
    private final InstantSource clock;
    private final Duration timeout;

    public DedupRepository(Redis redis, DedupGenerations generations, InstantSource clock, CollectorConfig config) {
        this.redis = redis;
        this.generations = generations;
        this.clock = clock;
        this.timeout = config.redisTimeout();
    }

    /** Writes the markers of {@code eventIds}; true when Redis took them all within the timeout. Never fails. */
    public Uni<Boolean> mark(String appId, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        long generation = generations.generation(clock.millis());
        List<String> arguments = new ArrayList<>(eventIds.size() + 1);
        arguments.add(Long.toString(generations.expiresAtSeconds(generation)));
        arguments.addAll(eventIds);
        return MARK.run(redis, List.of(RedisKeys.dedup(appId, generation)), arguments)
                .ifNoItem()
                .after(timeout)
                .fail()
                .map(ignored -> true)
                .onFailure()
                .recoverWithItem(false);
    }
}
