package io.autoloop.simulator.run;

import java.time.Duration;

/**
 * When each request of a run is due, in nanoseconds from the run's start: at most {@code rate} requests per second,
 * and, when a {@code speed} is given, not before the request's log time divided by the speed. A run that falls more
 * than {@value #MAX_LAG_MILLIS} ms behind slides its schedule instead of bursting to catch up. Not thread-safe: the
 * dispatcher asks in order.
 */
final class Pacing {

    static final long MAX_LAG_MILLIS = 1_000;
    private static final long MAX_LAG = MAX_LAG_MILLIS * 1_000_000L;

    private final long interval;
    private final Double speed;
    private long last;
    private long logShift;

    /**
     * @param rate the most requests per second, &gt; 0
     * @param speed how many times faster than logged the log is replayed, &gt; 0; null to ignore log times
     */
    Pacing(double rate, Double speed) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "The rate must be a positive number of requests per second, but it is " + rate + ".");
        }
        if (speed != null && !(speed > 0)) {
            throw new IllegalArgumentException("The speed must be a positive factor, but it is " + speed + ".");
        }
        this.interval = Math.max(1, Math.round(1e9 / rate));
        this.speed = speed;
        this.last = -interval;
    }

    /**
     * The due time of the next request.
     *
     * @param logOffset the request's time in the log relative to the first, or null
     * @param elapsed the time since the run's start, in nanoseconds
     */
    long next(Duration logOffset, long elapsed) {
        long due = last + interval;
        if (speed != null && logOffset != null) {
            due = Math.max(due, (long) (logOffset.toNanos() / speed) + logShift);
        }
        if (due < elapsed - MAX_LAG) {
            long slide = elapsed - MAX_LAG - due;
            logShift += slide;
            due += slide;
        }
        last = due;
        return due;
    }
}
