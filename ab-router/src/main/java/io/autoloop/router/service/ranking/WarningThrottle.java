package io.autoloop.router.service.ranking;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which occurrences of a recurring warning are logged: consumes each occurrence with its reason and the time,
 * and produces, for the first occurrence of a reason in an interval, how many of that reason were held back since its
 * last line; every other occurrence is held back. So a failure that repeats thousands of times a second is logged once
 * per reason per interval, and the line says how many it stands for. Thread-safe.
 */
final class WarningThrottle {

    private final long intervalNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    WarningThrottle(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A warning interval must be positive, but it is " + interval + ".");
        }
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Whether the occurrence of {@code reason} at {@code nowNanos} (a {@link System#nanoTime()} reading) is logged:
     * empty when it is held back, else how many occurrences of that reason were held back before it.
     */
    OptionalLong admit(String reason, long nowNanos) {
        return windows.computeIfAbsent(reason, any -> new Window()).admit(nowNanos, intervalNanos);
    }

    /** One reason's last logged time and the occurrences held back since. */
    private static final class Window {
        private boolean logged;
        private long lastNanos;
        private long heldBack;

        synchronized OptionalLong admit(long nowNanos, long intervalNanos) {
            if (logged && nowNanos - lastNanos < intervalNanos) {
                heldBack++;
                return OptionalLong.empty();
            }
            long before = heldBack;
            logged = true;
            lastNanos = nowNanos;
            heldBack = 0;
            return OptionalLong.of(before);
        }
    }
}
