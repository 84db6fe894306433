package io.autoloop.collector.service;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.domain.IngestBatch;
import io.autoloop.collector.domain.LocalRateLimit;
import io.autoloop.collector.domain.TokenBucket;
import io.autoloop.collector.repository.RateLimitRepository;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Consumes each ingest request's app and event count and answers whether the app's rate limit lets it pass: with one
 * Redis call per request to the token bucket every replica shares ({@link RateLimitRepository}), behind a circuit
 * breaker; while Redis fails or the circuit is open, with a token bucket of this replica ({@link LocalRateLimit}).
 *
 * <p>Why one Redis call per request rather than local buckets that share a budget: the call costs the same for a
 * request of one event as of 500, so at the batches apps send it is a small share of the work per event, and the
 * shared bucket is exact however the load balancer spreads an app's requests over replicas, which a budget split in
 * advance is not (an app whose traffic lands on one replica would get a fraction of its rate).
 *
 * <p>When Redis is slow or down: the breaker (SmallRye Fault Tolerance) opens once {@code failure-ratio} of the last
 * {@code requests} calls failed or took longer than {@code collector.redis-timeout}; while it is open, for
 * {@code delay} at a time, no request waits for Redis, and then one call tries it again. Meanwhile each replica limits
 * each app to its whole rate by itself: N replicas admit up to N times the rate. The limit is looser, never gone, and
 * never silently so: the requests decided locally are counted ({@code autoloop.ratelimit.local}, tagged {@code cause}),
 * the circuit's state is measured by SmallRye Fault Tolerance ({@code ft.circuitbreaker.*}, tagged
 * {@code method=rate-limit}), and its opening and closing are logged.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final RateLimitRepository repository;
    private final IngestMetrics metrics;
    private final Duration redisTimeout;
    private final TokenBucket defaultBucket;
    private final Map<String, TokenBucket> bucketsByApp = new HashMap<>();
    private final int defaultRate;
    private final Map<String, Integer> ratesByApp;
    private final LocalRateLimit local = new LocalRateLimit();
    private final TypedGuard<Uni<RateLimitRepository.Taken>> guard;
    private final AtomicBoolean circuitWasOpen = new AtomicBoolean();

    public RateLimiter(RateLimitRepository repository, IngestMetrics metrics, CollectorConfig config) {
        this.repository = repository;
        this.metrics = metrics;
        this.redisTimeout = config.redisTimeout();
        CollectorConfig.RateLimit limit = config.rateLimit();
        int maxEvents = config.limits().maxEvents();
        this.defaultRate = limit.eventsPerSecond();
        this.ratesByApp = Map.copyOf(limit.perApp());
        this.defaultBucket = bucket(defaultRate, limit, maxEvents);
        ratesByApp.forEach((app, rate) -> bucketsByApp.put(app, bucket(rate, limit, maxEvents)));
        CollectorConfig.Breaker breaker = limit.breaker();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<RateLimitRepository.Taken>>() {})
                .withDescription("rate-limit")
                .withCircuitBreaker()
                .requestVolumeThreshold(breaker.requests())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(this::circuitChanged)
                .done()
                .withThreadOffload(false)
                .build();
    }

    private static TokenBucket bucket(int rate, CollectorConfig.RateLimit limit, int maxEvents) {
        return new TokenBucket(Math.max(limit.burst().orElse(rate), maxEvents), rate);
    }

    /** The rate limit's answer for a request: whether it passes, when to retry if not, and the app's rate. */
    public record Verdict(boolean allowed, Duration retryAfter, int eventsPerSecond) {}

    /**
     * Takes every event of the batch from its app's bucket, the invalid ones included (each costs its validation and
     * a dead letter). The answer comes within the Redis timeout, at once while the circuit is open, and never fails.
     * Nothing blocks a thread for it: the circuit breaker hands the call and its answer to a worker thread of the
     * request's context, and callers that waited for it on such threads could starve the pool.
     */
    public Uni<Verdict> admit(IngestBatch batch, long nowMillis) {
        String appId = batch.appId();
        TokenBucket bucket = bucketsByApp.getOrDefault(appId, defaultBucket);
        int events = batch.size();
        int rate = ratesByApp.getOrDefault(appId, defaultRate);
        return guard.get(() -> repository.take(appId, bucket, events, nowMillis, redisTimeout))
                .map(taken -> new Verdict(
                        taken.allowed(),
                        taken.allowed() ? Duration.ZERO : bucket.retryAfter(taken.tokens(), events),
                        rate))
                .onFailure()
                .recoverWithItem(failure -> {
                    metrics.limitedLocally(
                            failure instanceof CircuitBreakerOpenException
                                    ? IngestMetrics.CIRCUIT_OPEN
                                    : IngestMetrics.REDIS_FAILED);
                    TokenBucket.Decision decision = local.take(appId, bucket, nowMillis, events);
                    return new Verdict(decision.allowed(), decision.retryAfter(), rate);
                });
    }

    /** Logs the circuit's opening once (not again after each failed trial call) and its closing. */
    private void circuitChanged(CircuitBreakerState state) {
        boolean open = state != CircuitBreakerState.CLOSED;
        if (!circuitWasOpen.compareAndSet(!open, open)) {
            return;
        }
        if (open) {
            LOG.warn("Redis failed or was slower than collector.redis-timeout too often: the rate limit's circuit is"
                    + " open, so each replica limits every app by itself (up to the number of replicas times the"
                    + " rate) until Redis answers again; see autoloop.ratelimit.local.");
        } else {
            LOG.info("Redis answers the rate limit again: the circuit is closed and the buckets are shared again.");
        }
    }
}
