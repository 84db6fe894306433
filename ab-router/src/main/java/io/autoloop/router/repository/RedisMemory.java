package io.autoloop.router.repository;

import io.autoloop.router.domain.memory.RedisMemoryInfo;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * How full the loop's Redis is: consumes its answer to {@code INFO memory} at each {@link #sample} and produces the
 * gauges {@code autoloop.redis.memory.used.bytes}, {@code autoloop.redis.memory.max.bytes} (0 without a limit) and
 * {@code autoloop.redis.memory.used.ratio} (NaN without a limit), on which operators alert before Redis, which runs
 * without eviction, refuses writes. NaN until the first sample.
 */
@ApplicationScoped
public class RedisMemory {

    private final RedisDataSource redis;
    private final AtomicReference<RedisMemoryInfo> latest = new AtomicReference<>();

    public RedisMemory(RedisDataSource redis, MeterRegistry meters) {
        this.redis = redis;
        meters.gauge("autoloop.redis.memory.used.bytes", latest, held -> read(held, RedisMemoryInfo::usedBytes));
        meters.gauge("autoloop.redis.memory.max.bytes", latest, held -> read(held, RedisMemoryInfo::maxBytes));
        meters.gauge(
                "autoloop.redis.memory.used.ratio",
                latest,
                held -> held.get() == null ? Double.NaN : held.get().usedRatio());
    }

    /** Asks Redis for its memory now. */
    public void sample() {
        latest.set(RedisMemoryInfo.parse(redis.execute("INFO", "memory").toString()));
    }

    private static double read(AtomicReference<RedisMemoryInfo> held, ToLongFunction<RedisMemoryInfo> field) {
        RedisMemoryInfo memory = held.get();
        return memory == null ? Double.NaN : field.applyAsLong(memory);
    }
}
