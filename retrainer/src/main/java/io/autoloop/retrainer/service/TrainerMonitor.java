package io.autoloop.retrainer.service;

import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.HoldoutWindow;
import io.autoloop.retrainer.domain.SampleOutcome;
import io.autoloop.retrainer.domain.Trainer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The retrainer's metrics and status: consumes what the training loop reports and produces Micrometer meters
 * (scraped at {@code /q/metrics}) and the {@link TrainerStatus} of {@code GET /v1/models}.
 *
 * <p>Meters: {@code autoloop.samples.consumed} (counter, tag {@code outcome} = trained | no-consent | malformed |
 * non-finite-update | quarantined), {@code autoloop.samples.dead-lettered} (counter, tag {@code reason} =
 * malformed-sample | non-finite-update | quarantined), {@code autoloop.samples.rate} (trained samples/s),
 * {@code autoloop.trainer.samples.seen},
 * {@code autoloop.trainer.active} (1 while this instance holds the lease), {@code autoloop.model.progressive.logloss}
 * and {@code autoloop.model.progressive.auc}, {@code autoloop.model.holdout.logloss} (tag {@code model} = learner |
 * champion), {@code autoloop.model.size.bytes} and {@code autoloop.model.weights} (of the last published version),
 * {@code autoloop.models.gate} (counter, tags {@code outcome} = published | rejected and {@code reason}), and
 * {@code autoloop.checkpoint.duration} (timer).
 */
@ApplicationScoped
public class TrainerMonitor {

    private final MeterRegistry registry;
    private final Map<SampleOutcome, Counter> consumed = new EnumMap<>(SampleOutcome.class);
    private final Map<SampleOutcome, Counter> deadLettered = new EnumMap<>(SampleOutcome.class);
    private final Timer checkpoints;
    private final AtomicReference<TrainerStatus> status;
    private volatile double modelBytes;
    private volatile double modelWeights;

    public TrainerMonitor(MeterRegistry registry) {
        this.registry = registry;
        for (SampleOutcome outcome : SampleOutcome.values()) {
            consumed.put(
                    outcome,
                    Counter.builder("autoloop.samples.consumed")
                            .tag("outcome", outcome.tag())
                            .description("Records taken from training.samples")
                            .register(registry));
            if (outcome.deadLettered()) {
                deadLettered.put(
                        outcome,
                        Counter.builder("autoloop.samples.dead-lettered")
                                .tag("reason", outcome.deadLetterReason())
                                .description("Records of training.samples not learned and sent to feedback.rejected")
                                .register(registry));
            }
        }
        this.checkpoints = Timer.builder("autoloop.checkpoint.duration")
                .description("Time to write one trainer checkpoint (state and offsets) to Redis")
                .register(registry);
        this.status = new AtomicReference<>(TrainerStatus.of("starting", null, null, Instant.now(), null));
        gauge("autoloop.samples.rate", "Trained samples per second", TrainerStatus::samplesPerSecond);
        gauge("autoloop.trainer.samples.seen", "Samples trained by the current learner", s -> s.samplesSeen());
        gauge(
                "autoloop.trainer.active",
                "1 while this instance is the active trainer",
                s -> "active".equals(s.role()) ? 1 : 0);
        gauge(
                "autoloop.model.progressive.logloss",
                "Progressive log loss of the learner (nats)",
                s -> s.progressive() == null ? Double.NaN : s.progressive().logLoss());
        gauge(
                "autoloop.model.progressive.auc",
                "Progressive AUC of the learner over its latest predictions",
                s -> s.progressive() == null ? Double.NaN : s.progressive().auc());
        Gauge.builder("autoloop.model.holdout.logloss", status, s -> {
                    TrainerStatus current = s.get();
                    return current.progressive() == null
                            ? Double.NaN
                            : current.progressive().holdoutLogLoss();
                })
                .tag("model", "learner")
                .description("Log loss over the holdout window (nats)")
                .register(registry);
        Gauge.builder("autoloop.model.holdout.logloss", status, s -> s.get().holdoutChampionLogLoss())
                .tag("model", "champion")
                .description("Log loss over the holdout window (nats)")
                .register(registry);
        Gauge.builder("autoloop.model.size.bytes", this, m -> m.modelBytes)
                .description("Size of the last published model")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("autoloop.model.weights", this, m -> m.modelWeights)
                .description("Non-zero weights of the last published model")
                .register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<TrainerStatus> value) {
        Gauge.builder(name, status, s -> value.applyAsDouble(s.get()))
                .description(description)
                .register(registry);
    }

    /** The latest status. */
    public TrainerStatus status() {
        return status.get();
    }

    /** Whether this instance is the active trainer. */
    public boolean isActive() {
        return "active".equals(status.get().role());
    }

    void standby(String instance, String activeInstance) {
        status.set(TrainerStatus.of("standby", instance, activeInstance, Instant.now(), null));
    }

    void failing(String instance, RuntimeException failure) {
        status.set(TrainerStatus.of("failing", instance, null, Instant.now(), failure.getMessage()));
    }

    void stopped(String instance) {
        status.set(TrainerStatus.of("stopped", instance, null, Instant.now(), null));
    }

    /** Counts {@code count} records of one batch that had {@code outcome}, and their dead letters. */
    void counted(SampleOutcome outcome, long count) {
        if (count == 0) {
            return;
        }
        consumed.get(outcome).increment(count);
        if (outcome.deadLettered()) {
            deadLettered.get(outcome).increment(count);
        }
    }

    /** Takes the status of the active {@code trainer}; computes AUC and holdout losses (a few milliseconds). */
    void active(String instance, Trainer trainer, Instant now, Instant lastCheckpointAt) {
        TrainerStatus previous = status.get();
        double rate = 0.0;
        if ("active".equals(previous.role()) && previous.updatedAt().isBefore(now)) {
            double seconds = Duration.between(previous.updatedAt(), now).toNanos() / 1e9;
            rate = Math.max(0, trainer.samplesSeen() - previous.samplesSeen()) / seconds;
        }
        HoldoutWindow.PairedLosses holdout = trainer.holdout();
        status.set(new TrainerStatus(
                "active",
                instance,
                instance,
                now,
                trainer.recordsConsumed(),
                trainer.samplesSeen(),
                trainer.skippedNoConsent(),
                trainer.malformed(),
                trainer.nonFiniteUpdates(),
                trainer.quarantined(),
                trainer.resumedFromSamples(),
                rate,
                trainer.metrics(),
                holdout.samples(),
                holdout.championLogLoss(),
                trainer.championVersion(),
                trainer.lastVersion(),
                Collections.unmodifiableMap(new TreeMap<>(trainer.offsets())),
                lastCheckpointAt,
                null));
    }

    /** Counts one gate decision. */
    void gate(GateDecision decision) {
        registry.counter(
                        "autoloop.models.gate",
                        "outcome",
                        decision.outcome(),
                        "reason",
                        decision.reason().wireName())
                .increment();
    }

    /** Remembers the size of the last published model. */
    void published(int bytes, int weights) {
        modelBytes = bytes;
        modelWeights = weights;
    }

    Timer checkpoints() {
        return checkpoints;
    }
}
