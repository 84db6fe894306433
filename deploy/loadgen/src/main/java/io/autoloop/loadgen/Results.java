package io.autoloop.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a run measured after its warm-up: latencies in a histogram (microseconds, 3 significant digits, up to
 * one hour), answers by status, I/O errors, and the events carried by successful (2xx) requests.
 */
final class Results {

    private final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder events = new LongAdder();

    void answered(int status, long latencyNanos, int eventsInRequest) {
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1000));
        statuses.computeIfAbsent(status, code -> new LongAdder()).increment();
        requests.increment();
        if (status >= 200 && status < 300) {
            events.add(eventsInRequest);
        }
    }

    void failed(long latencyNanos) {
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1000));
        errors.increment();
        requests.increment();
    }

    long requests() {
        return requests.sum();
    }

    long errors() {
        return errors.sum();
    }

    long successfulEvents() {
        return events.sum();
    }

    long nonSuccess() {
        return statuses.entrySet().stream()
                .filter(entry -> entry.getKey() < 200 || entry.getKey() >= 300)
                .mapToLong(entry -> entry.getValue().sum())
                .sum();
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Prints the report of a measured window of {@code seconds}; {@code units} names what was sent. */
    void print(PrintStream out, String units, double seconds) {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((code, count) -> byStatus.put(code, count.sum()));
        out.printf(
                Locale.ROOT,
                "measured:   %.1f s%n%-11s %d (%.1f/s)%nevents:     %d in 2xx answers (%.0f events/s)%n",
                seconds,
                units + ":",
                requests(),
                requests() / seconds,
                successfulEvents(),
                successfulEvents() / seconds);
        out.printf(Locale.ROOT, "answers:    %s%nerrors:     %d I/O, %d non-2xx%n", byStatus, errors(), nonSuccess());
        out.printf(
                Locale.ROOT,
                "latency:    p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  p99.9=%.2f ms  max=%.2f ms%n",
                percentileMillis(50),
                percentileMillis(90),
                percentileMillis(99),
                percentileMillis(99.9),
                latencyMicros.getMaxValue() / 1000.0);
    }
}
