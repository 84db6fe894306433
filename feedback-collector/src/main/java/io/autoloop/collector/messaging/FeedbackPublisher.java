package io.autoloop.collector.messaging;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.json.ContractJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes a request's {@link FeedbackEvent}s to {@code feedback.events}, keyed by pseudonymous user id, and
 * its dead letters ({@link RejectedRecord}) to {@code feedback.rejected}, unkeyed (names under
 * {@code collector.topics.*}), and reports when Kafka has
 * answered for every record. The stage always completes normally, within the producer's
 * {@code max.block.ms} plus {@code delivery.timeout.ms}; failures are in the {@link Delivery}.
 */
@ApplicationScoped
public class FeedbackPublisher {

    private final Producer<String, byte[]> producer;
    private final String eventsTopic;
    private final String rejectedTopic;

    public FeedbackPublisher(Producer<String, byte[]> producer, CollectorConfig config) {
        this.producer = producer;
        this.eventsTopic = config.topics().events();
        this.rejectedTopic = config.topics().rejected();
    }

    /** Sends every record and completes once each one is acknowledged or has failed. */
    public CompletionStage<Delivery> publish(List<FeedbackEvent> events, List<RejectedRecord> deadLetters) {
        Tracker tracker = new Tracker(events.size() + deadLetters.size());
        int sent = 0;
        try {
            for (FeedbackEvent event : events) {
                producer.send(
                        new ProducerRecord<>(eventsTopic, event.userId(), ContractJson.write(event)), tracker.callback);
                sent++;
            }
            for (RejectedRecord deadLetter : deadLetters) {
                producer.send(
                        new ProducerRecord<>(rejectedTopic, null, ContractJson.write(deadLetter)), tracker.callback);
                sent++;
            }
        } catch (RuntimeException e) {
            // send() blocked past max.block.ms (no metadata, full buffer) or was refused: the rest is not sent.
            tracker.notSent(sent, e);
        }
        return tracker.result;
    }

    /** Collects the answers of one request's records; completes once all of them have one. */
    private static final class Tracker {

        private final long start = System.nanoTime();
        private final int records;
        private final AtomicInteger remaining;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final CompletableFuture<Delivery> result = new CompletableFuture<>();

        Tracker(int records) {
            this.records = records;
            this.remaining = new AtomicInteger(records);
            if (records == 0) {
                complete();
            }
        }

        final Callback callback = (metadata, exception) -> answered(exception);

        /** Every record from the {@code from}-th on was not sent: each counts as answered with {@code cause}. */
        void notSent(int from, Throwable cause) {
            for (int record = from; record < records; record++) {
                answered(cause);
            }
        }

        private void answered(Throwable exception) {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
            if (remaining.decrementAndGet() == 0) {
                complete();
            }
        }

        private void complete() {
            Throwable first = failure.get();
            result.complete(new Delivery(first == null, first, Duration.ofNanos(System.nanoTime() - start)));
        }
    }
}
