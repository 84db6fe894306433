package io.autoloop.e2e;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls a reading until it satisfies a condition; a timeout fails with the last reading, so the failure says where. */
final class Eventually {

    /** A reading that may block on I/O. */
    @FunctionalInterface
    interface Reading<T> {
        T read() throws Exception;
    }

    private Eventually() {}

    /**
     * The first reading that satisfies {@code done}, read every {@code every}; {@code check} runs before each reading
     * and may fail at once (e.g. a service exited).
     */
    static <T> T await(
            String what, Duration timeout, Duration every, Runnable check, Reading<T> reading, Predicate<T> done)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (true) {
            check.run();
            try {
                last = reading.read();
                lastError = null;
                if (last != null && done.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; last reading: " + (lastError != null ? lastError : last));
            }
            Thread.sleep(every.toMillis());
        }
    }
}
