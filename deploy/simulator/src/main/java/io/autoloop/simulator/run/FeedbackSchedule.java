package io.autoloop.simulator.run;

import io.autoloop.simulator.http.EventInput;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds feedback until it is due (a click seconds after the impression, a rating after the click) and then hands it,
 * stamped with the current time, to the sink. {@link #flush()} hands over everything still waiting at once, so
 * ending a run loses no event. Each event is handed over exactly once. Thread-safe.
 */
final class FeedbackSchedule {

    private final ScheduledThreadPoolExecutor timer;
    private final Set<EventInput> waiting = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Consumer<EventInput> sink;

    FeedbackSchedule(Clock clock, Consumer<EventInput> sink) {
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "simulator-feedback");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.clock = clock;
        this.sink = sink;
    }

    /** Hands {@code event} over after {@code delay} (at once when the delay is not positive or the run is ending). */
    void at(Duration delay, EventInput event) {
        if (delay.isZero() || delay.isNegative()) {
            sink.accept(event.withTimestamp(clock.instant()));
            return;
        }
        waiting.add(event);
        try {
            timer.schedule(() -> due(event), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            due(event);
        }
    }

    /** Stops the timer and hands over every event still waiting, stamped now. */
    void flush() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(2, TimeUnit.SECONDS);
        for (EventInput event : waiting) {
            due(event);
        }
    }

    private void due(EventInput event) {
        if (waiting.remove(event)) {
            sink.accept(event.withTimestamp(clock.instant()));
        }
    }
}
