package io.autoloop.collector.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumes a request's app, bucket, time and event count and produces a {@link TokenBucket.Decision} from a token
 * bucket per app held in this process: the rate limit a replica applies by itself while Redis, which holds the buckets
 * every replica shares, cannot be asked. A bucket starts full the first time an app needs it. Thread-safe.
 */
public final class LocalRateLimit {

    private final Map<String, TokenBucket.State> states = new ConcurrentHashMap<>();

    /** Takes {@code events} tokens from {@code appId}'s local bucket at {@code nowMillis}. */
    public TokenBucket.Decision take(String appId, TokenBucket bucket, long nowMillis, int events) {
        TokenBucket.Decision[] decision = new TokenBucket.Decision[1];
        states.compute(appId, (app, state) -> {
            decision[0] = bucket.take(state, nowMillis, events);
            return decision[0].state();
        });
        return decision[0];
    }
}
