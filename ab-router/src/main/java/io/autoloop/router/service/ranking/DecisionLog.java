package io.autoloop.router.service.ranking;

import io.autoloop.contracts.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Hands each {@link Decision} to the {@code decisions} channel ({@code serving.decisions}, keyed by decision id)
 * without waiting: the emitter buffers up to {@code mp.messaging.emitter.default-buffer-size} decisions while Kafka is
 * slow or down. Nothing is lost in silence: a decision the emitter cannot take is counted as dropped
 * ({@code autoloop.decisions.dropped{reason}}: {@code buffer-full}, {@code channel-closed}), one Kafka does not take as
 * failed ({@code autoloop.decisions.failed{reason}}: {@code too-large}, {@code timeout}, {@code serialization},
 * {@code kafka}), and each reason is logged at WARN at most once a minute with the count it stands for; neither reaches
 * the ranking request. Ranking keeps a decision within {@link #maxDecisionBytes()}, so {@code too-large} means the
 * size bound was wrong.
 */
@ApplicationScoped
class DecisionLog {

    /** Room a record needs besides its value within {@code max.request.size}: key, headers, batch framing. */
    static final int RECORD_RESERVE = 16 * 1024;

    static final List<String> FAILURES = List.of("too-large", "timeout", "serialization", "kafka");
    static final List<String> DROPS = List.of("buffer-full", "channel-closed");

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

    private final Emitter<Decision> emitter;
    private final int maxDecisionBytes;
    private final Counter logged;
    private final Map<String, Counter> failed;
    private final Map<String, Counter> dropped;
    private final WarningThrottle warnings = new WarningThrottle(WARNING_INTERVAL);

    DecisionLog(
            @Channel("decisions") @OnOverflow(OnOverflow.Strategy.BUFFER) Emitter<Decision> emitter,
            MeterRegistry meters,
            @ConfigProperty(name = "mp.messaging.outgoing.decisions.max.request.size") int maxRequestSize) {
        if (maxRequestSize <= 2 * RECORD_RESERVE) {
            throw new IllegalStateException("mp.messaging.outgoing.decisions.max.request.size is " + maxRequestSize
                    + " bytes, too small for a decision; keep Kafka's 1048576 or more.");
        }
        this.emitter = emitter;
        this.maxDecisionBytes = maxRequestSize - RECORD_RESERVE;
        this.logged = meters.counter("autoloop.decisions.logged");
        this.failed = counters(meters, "autoloop.decisions.failed", FAILURES);
        this.dropped = counters(meters, "autoloop.decisions.dropped", DROPS);
    }

    private static Map<String, Counter> counters(MeterRegistry meters, String name, List<String> reasons) {
        return reasons.stream()
                .collect(Collectors.toUnmodifiableMap(
                        Function.identity(), reason -> meters.counter(name, "reason", reason)));
    }

    /** The most bytes a decision's JSON may have to fit the channel's {@code max.request.size} with its key and headers. */
    int maxDecisionBytes() {
        return maxDecisionBytes;
    }

    /** Queues {@code decision} for Kafka; never blocks and never throws. */
    void log(Decision decision) {
        Message<Decision> message = Message.of(decision)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(decision.decisionId())
                        .build())
                .withAck(() -> {
                    logged.increment();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    lost("failed", failed, failureReason(failure), failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            lost("dropped", dropped, dropReason(e), e);
        }
    }

    private void lost(String outcome, Map<String, Counter> counters, String reason, Throwable cause) {
        counters.get(reason).increment();
        OptionalLong heldBack = warnings.admit(outcome + "/" + reason, System.nanoTime());
        if (heldBack.isPresent()) {
            LOG.warnf(
                    "A decision was lost (%s, %s) and will not reach serving.decisions: %s. %d more were lost for this"
                            + " reason since the last such line; see autoloop.decisions.%s{reason=%s}.",
                    outcome, reason, cause.getMessage(), heldBack.getAsLong(), outcome, reason);
        }
    }

    /** Why Kafka did not take a decision: the first cause the producer names. */
    static String failureReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException) {
                return "too-large";
            }
            if (cause instanceof TimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
                return "timeout";
            }
            if (cause instanceof SerializationException) {
                return "serialization";
            }
        }
        return "kafka";
    }

    /** Why the emitter did not take a decision: its buffer was full, or the channel no longer takes any. */
    static String dropReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BackPressureFailure) {
                return "buffer-full";
            }
        }
        return "channel-closed";
    }
}
