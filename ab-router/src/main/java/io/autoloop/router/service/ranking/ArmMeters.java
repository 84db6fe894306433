package io.autoloop.router.service.ranking;

import io.autoloop.contracts.Arm;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures ranking per arm ({@code autoloop.rank.latency} timers and {@code autoloop.rank.requests} counters tagged by
 * arm and outcome) and turns the challenger's share into the {@link ChallengerHealth} the guardrails judge. The p99
 * comes from a histogram that decays over one analysis interval, so each analysis sees about the last interval.
 */
@ApplicationScoped
public class ArmMeters {

    private final Map<Arm, Timer> latency = new EnumMap<>(Arm.class);
    private final Map<Arm, Counter> ok = new EnumMap<>(Arm.class);
    private final Map<Arm, Counter> errors = new EnumMap<>(Arm.class);
    private final LongAdder decisions = new LongAdder();
    private final LongAdder impressions = new LongAdder();
    private double lastChallengerRequests;
    private double lastChallengerErrors;

    public ArmMeters(MeterRegistry meters, RouterConfig config) {
        for (Arm arm : Arm.values()) {
            latency.put(
                    arm,
                    Timer.builder("autoloop.rank.latency")
                            .description("Time to rank one request, parsing excluded")
                            .tag("arm", arm.wireName())
                            .publishPercentiles(0.5, 0.99)
                            .distributionStatisticExpiry(config.experiment().interval())
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
    }

    /**
     * The challenger's requests and errors since the previous call, and its recent p99 in milliseconds; calibration
     * is left unknown for the caller to fill in.
     */
    public synchronized ChallengerHealth challengerSinceLastCall() {
        double requests =
                ok.get(Arm.CHALLENGER).count() + errors.get(Arm.CHALLENGER).count();
        double failures = errors.get(Arm.CHALLENGER).count();
        long newRequests = (long) (requests - lastChallengerRequests);
        long newErrors = (long) (failures - lastChallengerErrors);
        lastChallengerRequests = requests;
        lastChallengerErrors = failures;
        Double p99 = null;
        HistogramSnapshot snapshot = latency.get(Arm.CHALLENGER).takeSnapshot();
        for (ValueAtPercentile percentile : snapshot.percentileValues()) {
            if (percentile.percentile() == 0.99) {
                p99 = percentile.value(TimeUnit.MILLISECONDS);
            }
        }
        return new ChallengerHealth(newRequests, newErrors, p99, 0, null);
    }
}
