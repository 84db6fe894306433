package io.autoloop.router.service.ranking;

import io.autoloop.contracts.Arm;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.guardrail.SlidingCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures ranking per arm ({@code autoloop.rank.latency} timers and {@code autoloop.rank.requests} counters tagged by
 * arm and outcome) and turns each arm's share into the {@link ChallengerHealth} the guardrails judge: requests and
 * failures over a sliding window of {@code router.guardrails.window} ({@link SlidingCounts}), and the p99 of a latency
 * histogram that decays over the same window, so a guardrail sees the last window whatever the analysis interval.
 */
@ApplicationScoped
public class ArmMeters {

    private final Map<Arm, Timer> latency = new EnumMap<>(Arm.class);
    private final Map<Arm, Counter> ok = new EnumMap<>(Arm.class);
    private final Map<Arm, Counter> errors = new EnumMap<>(Arm.class);
    private final Map<Arm, SlidingCounts> recent = new EnumMap<>(Arm.class);
    private final LongAdder decisions = new LongAdder();
    private final LongAdder impressions = new LongAdder();
    private final Clock clock;

    @Inject
    public ArmMeters(MeterRegistry meters, RouterConfig config) {
        this(meters, config, Clock.systemUTC());
    }

    /** Meters that read the time of each outcome from {@code clock}. */
    ArmMeters(MeterRegistry meters, RouterConfig config, Clock clock) {
        this.clock = clock;
        Duration window = config.guardrails().window();
        for (Arm arm : Arm.values()) {
            recent.put(arm, new SlidingCounts((int) Math.max(1, window.toSeconds())));
            latency.put(
                    arm,
                    Timer.builder("autoloop.rank.latency")
                            .description("Time to rank one request, parsing excluded")
                            .tag("arm", arm.wireName())
                            .publishPercentiles(0.5, 0.99)
                            .distributionStatisticExpiry(window)
                            .distributionStatisticBufferLength(2)
                            .register(meters));
            ok.put(
                    arm,
                    Counter.builder("autoloop.rank.requests")
                            .tag("arm", arm.wireName())
                            .tag("outcome", "ok")
                            .register(meters));
            errors.put(
                    arm,
                    Counter.builder("autoloop.rank.requests")
                            .tag("arm", arm.wireName())
                            .tag("outcome", "error")
                            .register(meters));
        }
    }

    /** Records a served request of {@code arm} that started at {@code startNanos} and showed {@code items} items. */
    public void served(Arm arm, long startNanos, int items) {
        latency.get(arm).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        ok.get(arm).increment();
        note(arm, false);
        decisions.increment();
        impressions.add(items);
    }

    /** The mean number of items a served request showed since this replica started; 1 before the first one. */
    public double impressionsPerDecision() {
        long served = decisions.sum();
        return served == 0 ? 1.0 : Math.max(1.0, (double) impressions.sum() / served);
    }

    /** The ranking requests of one arm since this replica started, and those that failed. */
    public record Totals(long requests, long errors) {}

    /** The requests and failures of {@code arm} since this replica started. */
    public Totals totals(Arm arm) {
        long failures = (long) errors.get(arm).count();
        return new Totals((long) ok.get(arm).count() + failures, failures);
    }

    /** Records a failed request of {@code arm}. */
    public void failed(Arm arm, long startNanos) {
        latency.get(arm).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        errors.get(arm).increment();
        note(arm, true);
    }

    private void note(Arm arm, boolean failed) {
        SlidingCounts counts = recent.get(arm);
        long second = clock.instant().getEpochSecond();
        synchronized (counts) {
            counts.record(second, failed);
        }
    }

    /**
     * The requests and failures of {@code arm} over the guardrails' window, and its recent p99 in milliseconds (null
     * before its first request); calibration is left unknown for the caller to fill in.
     */
    public ChallengerHealth health(Arm arm) {
        SlidingCounts counts = recent.get(arm);
        long second = clock.instant().getEpochSecond();
        long requests;
        long failures;
        synchronized (counts) {
            requests = counts.requests(second);
            failures = counts.failures(second);
        }
        Double p99 = null;
        HistogramSnapshot snapshot = latency.get(arm).takeSnapshot();
        for (ValueAtPercentile percentile : snapshot.percentileValues()) {
            if (percentile.percentile() == 0.99 && requests > 0) {
                p99 = percentile.value(TimeUnit.MILLISECONDS);
            }
        }
        return new ChallengerHealth(requests, failures, p99, 0, null);
    }
}
