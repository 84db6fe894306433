package io.autoloop.analyzer.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * Kafka Streams' uncaught exception handler for the analyzer: takes the exception that killed a stream thread and
 * answers {@code REPLACE_THREAD} up to {@code max} times within {@code window}, then {@code SHUTDOWN_CLIENT}.
 *
 * <p>A replaced thread resumes its tasks from their last commit, so a failure that was passing (a broker restart, a
 * fenced producer) costs one replacement. A failure that a record causes every time it is processed recurs at once;
 * the bound keeps that from turning into an endless loop of replacements: the instance stops processing, its state
 * becomes ERROR and its liveness check DOWN, with every failure in the log. Each answer is counted in
 * {@value #FAILURES}, tagged {@code response}.
 */
public final class ThreadReplacements implements StreamsUncaughtExceptionHandler {

    /** Stream threads that failed, tagged {@code response}: {@code replace-thread} or {@code shutdown-client}. */
    public static final String FAILURES = "autoloop.streams.thread-failures";

    private static final Logger LOG = Logger.getLogger(ThreadReplacements.class);

    private final int max;
    private final Duration window;
    private final LongSupplier nanoTime;
    private final Counter replaced;
    private final Counter shutDown;
    private final Deque<Long> recent = new ArrayDeque<>();

    /**
     * @param max how many threads are replaced within {@code window}, 0 or more
     * @param window the period over which replacements are counted
     */
    public ThreadReplacements(int max, Duration window, MeterRegistry registry) {
        this(max, window, registry, System::nanoTime);
    }

    ThreadReplacements(int max, Duration window, MeterRegistry registry, LongSupplier nanoTime) {
        if (max < 0) {
            throw new IllegalArgumentException(
                    "'analyzer.thread-replacements.max' must be 0 or more, but it is " + max + ".");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "'analyzer.thread-replacements.window' must be a positive duration, but it is " + window + ".");
        }
        this.max = max;
        this.window = window;
        this.nanoTime = nanoTime;
        this.replaced = registry.counter(FAILURES, "response", "replace-thread");
        this.shutDown = registry.counter(FAILURES, "response", "shutdown-client");
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = nanoTime.getAsLong();
        while (!recent.isEmpty() && now - recent.peekFirst() >= window.toNanos()) {
            recent.removeFirst();
        }
        if (recent.size() < max) {
            recent.addLast(now);
            replaced.increment();
            LOG.errorf(
                    exception,
                    "A stream thread failed; replacing it (%d of at most %d replacements within %s)",
                    recent.size(),
                    max,
                    window);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        shutDown.increment();
        LOG.errorf(
                exception,
                "A stream thread failed after %d replacements within %s; shutting Kafka Streams down on this instance",
                recent.size(),
                window);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
