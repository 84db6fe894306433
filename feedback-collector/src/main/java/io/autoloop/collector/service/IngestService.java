package io.autoloop.collector.service;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.domain.Deduplication;
import io.autoloop.collector.domain.IngestBatch;
import io.autoloop.collector.domain.IngestResult;
import io.autoloop.collector.domain.Intake;
import io.autoloop.collector.messaging.Delivery;
import io.autoloop.collector.messaging.FeedbackPublisher;
import io.autoloop.contracts.FeedbackEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Ingests one request of an authenticated app: validates and pseudonymizes its events ({@link Intake}), asks
 * the rate limit and the dedup store ({@link Admission}), publishes the new events and the dead letters
 * ({@link FeedbackPublisher}), remembers the acknowledged event ids, and answers.
 *
 * <p>Order of effects, and why: dedup markers are written only after Kafka acknowledged the events, so a
 * request that fails with 503 leaves no marker behind and its retry is published in full. When Kafka
 * acknowledged only part of a request, the acknowledged events are marked before the 503, so the retry
 * counts them as duplicates and publishes only the rest. Two identical requests in flight at the same time
 * may both publish (at-least-once).
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final Intake intake;
    private final Admission admission;
    private final FeedbackPublisher publisher;
    private final IngestMetrics metrics;
    private final InstantSource clock;
    private final Duration kafkaRetryAfter;

    public IngestService(
            Intake intake,
            Admission admission,
            FeedbackPublisher publisher,
            IngestMetrics metrics,
            InstantSource clock,
            CollectorConfig config) {
        this.intake = intake;
        this.admission = admission;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.kafkaRetryAfter = config.producer().retryAfter();
    }

    /**
     * Ingests {@code body} for {@code appId}. The validation, Redis and send steps run on the calling (worker)
     * thread; the returned stage completes once Kafka answered for every record, failing with
     * {@link IngestRefusal} (429, 503) or {@link io.autoloop.collector.domain.RequestProblem} (400, 413).
     */
    public Uni<IngestResult> ingest(String appId, byte[] body) {
        var receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IngestBatch batch = intake.read(appId, body, receivedAt);
        Admission.Admitted admitted = admission.admit(batch, receivedAt.toEpochMilli());
        if (!admitted.allowed()) {
            metrics.rateLimited(batch);
            throw IngestRefusal.rateLimited(batch.size(), admitted.eventsPerSecond(), admitted.retryAfter());
        }
        boolean[] duplicate =
                Deduplication.duplicates(batch.eventIds(), admitted.known().orElse(Set.of()));
        List<FeedbackEvent> fresh = new ArrayList<>(batch.events().size());
        List<FeedbackEvent> duplicates = new ArrayList<>();
        for (int i = 0; i < duplicate.length; i++) {
            (duplicate[i] ? duplicates : fresh).add(batch.events().get(i));
        }
        boolean deduplicated = admitted.known().isPresent();
        return Uni.createFrom()
                .completionStage(publisher.publish(fresh, batch.deadLetters()))
                .call(delivery -> admission.remember(appId, acked(fresh, delivery)))
                .map(delivery -> answer(batch, fresh, duplicates, deduplicated, delivery));
    }

    private IngestResult answer(
            IngestBatch batch,
            List<FeedbackEvent> fresh,
            List<FeedbackEvent> duplicates,
            boolean deduplicated,
            Delivery delivery) {
        metrics.kafkaSend(delivery.duration(), delivery.complete());
        if (!delivery.complete()) {
            LOG.warnf(
                    "Kafka did not acknowledge every record of a request of app %s (%d events, %d dead letters)"
                            + " within the send timeout, answering 503: %s",
                    batch.appId(), fresh.size(), batch.rejections().size(), delivery.failure());
            throw IngestRefusal.kafkaUnavailable(kafkaRetryAfter, delivery.failure());
        }
        metrics.accepted(fresh);
        metrics.duplicates(duplicates);
        metrics.rejected(batch);
        if (!deduplicated) {
            metrics.notDeduplicatedAtLookup(fresh.size());
        }
        return new IngestResult(
                fresh.size(),
                duplicates.size(),
                batch.rejections().stream().map(IngestBatch.Rejection::event).toList());
    }

    private static List<String> acked(List<FeedbackEvent> events, Delivery delivery) {
        List<String> ids = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (delivery.eventAcked()[i]) {
                ids.add(events.get(i).eventId());
            }
        }
        return ids;
    }
}
