package io.autoloop.collector.service;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.domain.IngestBatch;
import io.autoloop.collector.domain.TokenBucket;
import io.autoloop.collector.repository.AdmissionRepository;
import io.autoloop.collector.repository.DedupRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The Redis side of ingest: asks the rate limiter for a request's events and looks up its event ids in the
 * dedup store in one call, and remembers the ids Kafka acknowledged.
 *
 * <p>Both fail open: when Redis is unreachable a request passes unlimited (counted by
 * {@code autoloop.ratelimit.unavailable}) and its events are published without de-duplication (counted by
 * {@code autoloop.events.not-deduplicated}), because refusing feedback would lose it while a possible
 * duplicate only costs downstream an extra look at its {@code eventId}. Outages are logged once when they
 * start and once when they end.
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);

    private final AdmissionRepository admissions;
    private final DedupRepository dedup;
    private final IngestMetrics metrics;
    private final Duration redisTimeout;
    private final TokenBucket defaultBucket;
    private final Map<String, TokenBucket> bucketsByApp = new HashMap<>();
    private final int defaultRate;
    private final Map<String, Integer> ratesByApp;
    private final AtomicBoolean redisDown = new AtomicBoolean();

    public Admission(
            AdmissionRepository admissions, DedupRepository dedup, IngestMetrics metrics, CollectorConfig config) {
        this.admissions = admissions;
        this.dedup = dedup;
        this.metrics = metrics;
        this.redisTimeout = config.redisTimeout();
        CollectorConfig.RateLimit limit = config.rateLimit();
        int maxEvents = config.limits().maxEvents();
        this.defaultRate = limit.eventsPerSecond();
        this.ratesByApp = Map.copyOf(limit.perApp());
        this.defaultBucket = bucket(defaultRate, limit, maxEvents);
        ratesByApp.forEach((app, rate) -> bucketsByApp.put(app, bucket(rate, limit, maxEvents)));
    }

    private static TokenBucket bucket(int rate, CollectorConfig.RateLimit limit, int maxEvents) {
        return new TokenBucket(Math.max(limit.burst().orElse(rate), maxEvents), rate);
    }

    /**
     * The rate limiter's answer for a request and the event ids the store already knows (empty when Redis
     * could not answer).
     */
    public record Admitted(boolean allowed, Duration retryAfter, int eventsPerSecond, Optional<Set<String>> known) {}

    /**
     * Takes every event of the batch from its app's bucket, the invalid ones included (each costs its validation and
     * a dead letter), and looks up the valid ones' event ids, in one Redis call; blocks at most the Redis timeout.
     */
    public Admitted admit(IngestBatch batch, long nowMillis) {
        TokenBucket bucket = bucketsByApp.getOrDefault(batch.appId(), defaultBucket);
        int events = batch.size();
        AdmissionRepository.Admitted answer = admissions
                .admit(batch.appId(), bucket, events, batch.eventIds(), nowMillis, redisTimeout)
                .onFailure()
                .recoverWithNull()
                .await()
                .indefinitely();
        redisAvailability(answer != null);
        if (answer == null) {
            metrics.rateLimiterUnavailable();
        }
        boolean allowed = answer == null || answer.allowed();
        Duration retryAfter = allowed ? Duration.ZERO : bucket.retryAfter(answer.tokens(), events);
        int rate = ratesByApp.getOrDefault(batch.appId(), defaultRate);
        return new Admitted(
                allowed, retryAfter, rate, Optional.ofNullable(answer).map(AdmissionRepository.Admitted::known));
    }

    /** Writes the dedup markers of events Kafka acknowledged; completes (never fails) once Redis answered or timed out. */
    public Uni<Void> remember(String appId, List<String> eventIds) {
        return dedup.mark(appId, eventIds)
                .invoke(written -> {
                    redisAvailability(written);
                    if (!written) {
                        metrics.notDeduplicatedAtMark(eventIds.size());
                    }
                })
                .replaceWithVoid();
    }

    private void redisAvailability(boolean available) {
        if (available && redisDown.compareAndSet(true, false)) {
            LOG.info("Redis answers again: rate limits and de-duplication are back.");
        } else if (!available && redisDown.compareAndSet(false, true)) {
            LOG.warn("Redis does not answer: accepting events without rate limits and without de-duplication"
                    + " (at-least-once) until it does; see autoloop.events.not-deduplicated and"
                    + " autoloop.ratelimit.unavailable.");
        }
    }
}
