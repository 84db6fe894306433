package io.autoloop.collector.service;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.domain.IngestBatch;
import io.autoloop.collector.domain.IngestResult;
import io.autoloop.collector.domain.Intake;
import io.autoloop.collector.messaging.Delivery;
import io.autoloop.collector.messaging.FeedbackPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Ingests one request of an authenticated app: validates and pseudonymizes its events and sets apart those that repeat
 * an eventId of the request ({@link Intake}), asks the rate limit ({@link RateLimiter}), publishes the events and the
 * dead letters ({@link FeedbackPublisher}), and answers once Kafka acknowledged them.
 *
 * <p>{@code feedback.events} is at-least-once: a request answered 503 leaves nothing on the topic, but when Kafka took
 * part of a request before the 503, or a client did not hear the 202, the client's retry publishes those events
 * again, as do two identical requests in flight at once. Nothing here remembers events across requests: the
 * error-analyzer drops the repeats, so {@code training.samples} holds each event's effect once.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final Intake intake;
    private final RateLimiter rateLimiter;
    private final FeedbackPublisher publisher;
    private final IngestMetrics metrics;
    private final InstantSource clock;
    private final Duration kafkaRetryAfter;

    public IngestService(
            Intake intake,
            RateLimiter rateLimiter,
            FeedbackPublisher publisher,
            IngestMetrics metrics,
            InstantSource clock,
            CollectorConfig config) {
        this.intake = intake;
        this.rateLimiter = rateLimiter;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.kafkaRetryAfter = config.producer().retryAfter();
    }

    /**
     * Ingests {@code body} for {@code appId}. Validation runs on the calling (worker) thread, the send on the worker
     * thread the rate limit answers on; the returned stage completes once Kafka answered for every record, failing
     * with {@link IngestRefusal} (429, 503) or {@link io.autoloop.collector.domain.RequestProblem} (400, 413).
     */
    public Uni<IngestResult> ingest(String appId, byte[] body) {
        var receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IngestBatch batch = intake.read(appId, body, receivedAt);
        return rateLimiter.admit(batch, receivedAt.toEpochMilli()).chain(verdict -> {
            if (!verdict.allowed()) {
                metrics.rateLimited(batch);
                return Uni.createFrom()
                        .failure(IngestRefusal.rateLimited(
                                batch.size(), verdict.eventsPerSecond(), verdict.retryAfter()));
            }
            return Uni.createFrom()
                    .completionStage(publisher.publish(batch.events(), batch.deadLetters()))
                    .map(delivery -> answer(batch, delivery));
        });
    }

    private IngestResult answer(IngestBatch batch, Delivery delivery) {
        metrics.kafkaSend(delivery.duration(), delivery.complete());
        if (!delivery.complete()) {
            LOG.warnf(
                    "Kafka did not acknowledge every record of a request of app %s (%d events, %d dead letters)"
                            + " within the send timeout, answering 503: %s",
                    batch.appId(), batch.events().size(), batch.rejections().size(), delivery.failure());
            throw IngestRefusal.kafkaUnavailable(kafkaRetryAfter, delivery.failure());
        }
        metrics.accepted(batch.events());
        metrics.duplicates(batch);
        metrics.rejected(batch);
        return new IngestResult(
                batch.events().size(),
                batch.duplicates().size(),
                batch.rejections().stream().map(IngestBatch.Rejection::event).toList());
    }
}
