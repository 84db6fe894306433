package io.autoloop.retrainer.service;

import io.autoloop.contracts.TrainerHealth;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.HoldoutWindow;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.SampleOutcome;
import io.autoloop.retrainer.domain.StallWatch;
import io.autoloop.retrainer.domain.Trainer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The retrainer's metrics, status and health: consumes what the training loop reports and produces Micrometer meters
 * (scraped at {@code /q/metrics}), the {@link TrainerStatus} of {@code GET /v1/models}, and the {@link TrainerHealth}
 * (healthy, stalled or failing, judged by a {@link StallWatch}) that the active trainer writes to Redis for the
 * router's dashboard and the readiness check shows.
 *
 * <p>Meters: {@code autoloop.samples.consumed} (counter, tag {@code outcome} = trained | no-consent | malformed |
 * non-finite-update | quarantined), {@code autoloop.samples.dead-lettered} (counter, tag {@code reason} =
 * malformed-sample | non-finite-update | quarantined), {@code autoloop.samples.rate} (trained samples/s),
 * {@code autoloop.trainer.stalled} (1 while this instance trains and its training is stalled or failing),
 * {@code autoloop.trainer.since.last.learned} (seconds since a new sample was learned, NaN before the first),
 * {@code autoloop.trainer.samples.seen},
 * {@code autoloop.trainer.active} (1 while this instance holds the lease), {@code autoloop.model.progressive.logloss}
 * and {@code autoloop.model.progressive.auc}, {@code autoloop.model.holdout.logloss} (tag {@code model} = learner |
 * champion), {@code autoloop.model.size.bytes} and {@code autoloop.model.weights} (of the last published version),
 * {@code autoloop.models.gate} (counter, tags {@code outcome} = published | rejected and {@code reason}), and
 * {@code autoloop.checkpoint.duration} (timer).
 */
@ApplicationScoped
public class TrainerMonitor {

    /** A health report is stale once this many more reports were due and none came. */
    static final int REPORTS_BEFORE_STALE = 3;

    private final MeterRegistry registry;
    private final Map<SampleOutcome, Counter> consumed = new EnumMap<>(SampleOutcome.class);
    private final Map<SampleOutcome, Counter> deadLettered = new EnumMap<>(SampleOutcome.class);
    private final Timer checkpoints;
    private final AtomicReference<TrainerStatus> status;
    private final String model;
    private final Duration stallAfter;
    private final Duration reportEvery;
    private final Clock clock = Clock.systemUTC();
    private volatile StallWatch watch;
    private volatile double modelBytes;
    private volatile double modelWeights;

    public TrainerMonitor(MeterRegistry registry, RetrainerConfig config) {
        this.registry = registry;
        this.model = config.modelName();
        this.stallAfter = config.alert().stallAfter();
        this.reportEvery = config.alert().reportEvery();
        if (reportEvery.isNegative() || reportEvery.isZero()) {
            throw new IllegalArgumentException("The health report interval must be positive, but it is " + reportEvery
                    + "; set retrainer.alert.report-every to a duration such as 5s.");
        }
        this.watch = new StallWatch(stallAfter);
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
        Gauge.builder("autoloop.trainer.stalled", this, m -> m.alerting(m.clock.instant()) ? 1 : 0)
                .description("1 while this instance trains and its training is stalled or failing")
                .register(registry);
        Gauge.builder(
                        "autoloop.trainer.since.last.learned",
                        this,
                        m -> m.watch.secondsSinceLastLearned(m.clock.instant()))
                .description("Time since this instance last learned a sample it had not learned before")
                .baseUnit("seconds")
                .register(registry);
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

    /** The latest status, with the health of training now. */
    public TrainerStatus status() {
        TrainerStatus current = status.get();
        return current.withHealth(health(current, clock.instant()));
    }

    /**
     * The health of training at {@code now} as this instance judges it: present while it is the active trainer or
     * failing, empty on a standby (or before the first term, or once stopped).
     */
    public Optional<TrainerHealth> health(Instant now) {
        return Optional.ofNullable(health(status.get(), now));
    }

    private TrainerHealth health(TrainerStatus current, Instant now) {
        if (!current.training()) {
            return null;
        }
        StallWatch.Verdict verdict = watch.verdict(now);
        return new TrainerHealth(
                TrainerHealth.SCHEMA_VERSION,
                model,
                current.instance(),
                verdict.state(),
                verdict.detail(),
                now,
                now.plus(reportEvery.multipliedBy(REPORTS_BEFORE_STALE)),
                verdict.lastLearnedAt(),
                current.samplesSeen(),
                verdict.lag(),
                current.nonFiniteUpdates(),
                current.quarantined());
    }

    private boolean alerting(Instant now) {
        TrainerStatus current = status.get();
        return current.training() && watch.verdict(now).state() != TrainerHealth.State.HEALTHY;
    }

    /** Whether this instance is the active trainer. */
    public boolean isActive() {
        return "active".equals(status.get().role());
    }

    /** Shows this instance as a standby; the next term it wins is watched afresh. */
    void standby(String instance, String activeInstance) {
        if (status.get().training()) {
            watch = new StallWatch(stallAfter);
        }
        status.set(TrainerStatus.of("standby", instance, activeInstance, Instant.now(), null));
    }

    /** Shows this instance as failing with {@code failure}; its counts stay those of its last term. */
    void failing(String instance, RuntimeException failure) {
        Instant now = clock.instant();
        watch.failed(now, failure.getMessage());
        TrainerStatus last = status.get();
        status.set(new TrainerStatus(
                "failing",
                instance,
                null,
                now,
                last.recordsConsumed(),
                last.samplesSeen(),
                last.skippedNoConsent(),
                last.malformed(),
                last.nonFiniteUpdates(),
                last.quarantined(),
                last.resumedFromSamples(),
                0.0,
                last.progressive(),
                last.holdoutSamples(),
                last.holdoutChampionLogLoss(),
                last.champion(),
                last.lastPublished(),
                last.offsets(),
                last.lastCheckpointAt(),
                failure.getMessage(),
                null,
                last.lineages()));
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

    /**
     * Takes the status of the active trainers, and shows it to the stall watch (samples of every lineage count);
     * computes AUC and holdout losses (a few milliseconds per lineage). The top-level numbers are the first lineage's.
     *
     * @param lags records waiting beyond the consumer's position per partition, for the partitions it knows
     */
    void active(
            String instance, LineageTrainers trainers, Instant now, Instant lastCheckpointAt, Map<String, Long> lags) {
        long samplesSeen =
                trainers.trainers().stream().mapToLong(Trainer::samplesSeen).sum();
        watch.report(now, samplesSeen, trainers.offsets(), lags);
        TrainerStatus previous = status.get();
        Optional<Trainer> first = trainers.trainers().stream().findFirst();
        long firstSamples = first.map(Trainer::samplesSeen).orElse(0L);
        double rate = 0.0;
        if ("active".equals(previous.role()) && previous.updatedAt().isBefore(now)) {
            double seconds = Duration.between(previous.updatedAt(), now).toNanos() / 1e9;
            rate = Math.max(0, firstSamples - previous.samplesSeen()) / seconds;
        }
        List<LineageStatus> lineages =
                trainers.trainers().stream().map(LineageStatus::of).toList();
        HoldoutWindow.PairedLosses holdout = first.map(Trainer::holdout).orElse(null);
        status.set(new TrainerStatus(
                "active",
                instance,
                instance,
                now,
                first.map(Trainer::recordsConsumed).orElse(0L),
                firstSamples,
                first.map(Trainer::skippedNoConsent).orElse(0L),
                first.map(Trainer::malformed).orElse(0L),
                first.map(Trainer::nonFiniteUpdates).orElse(0L),
                first.map(Trainer::quarantined).orElse(0L),
                first.map(Trainer::resumedFromSamples).orElse(0L),
                rate,
                lineages.isEmpty() ? null : lineages.get(0).progressive(),
                holdout == null ? 0 : holdout.samples(),
                holdout == null ? Double.NaN : holdout.championLogLoss(),
                first.map(Trainer::referenceVersion).orElse(null),
                first.map(Trainer::lastVersion).orElse(null),
                Collections.unmodifiableMap(new TreeMap<>(trainers.offsets())),
                lastCheckpointAt,
                null,
                null,
                lineages));
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
