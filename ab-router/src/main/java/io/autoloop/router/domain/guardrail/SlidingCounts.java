package io.autoloop.router.domain.guardrail;

import java.util.Arrays;

/**
 * Requests and failures over a sliding window of whole seconds: a ring of one-second buckets, each cleared when the
 * clock comes round to it again. It consumes the second of each outcome and produces the totals of the last
 * {@code seconds} seconds; callers serialize access.
 */
public final class SlidingCounts {

    private final int seconds;
    private final long[] bucketSecond;
    private final long[] requests;
    private final long[] failures;

    /** Counts over the last {@code seconds} seconds, at least one. */
    public SlidingCounts(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("A sliding window needs at least one second, got " + seconds + ".");
        }
        this.seconds = seconds;
        this.bucketSecond = new long[seconds];
        this.requests = new long[seconds];
        this.failures = new long[seconds];
        Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    /** Records one request at {@code epochSecond}, failed or not. */
    public void record(long epochSecond, boolean failed) {
        int index = (int) Math.floorMod(epochSecond, (long) seconds);
        if (bucketSecond[index] != epochSecond) {
            bucketSecond[index] = epochSecond;
            requests[index] = 0;
            failures[index] = 0;
        }
        requests[index]++;
        if (failed) {
            failures[index]++;
        }
    }

    /** The requests of the window ending with {@code epochSecond}. */
    public long requests(long epochSecond) {
        return sum(requests, epochSecond);
    }

    /** The failed requests of the window ending with {@code epochSecond}. */
    public long failures(long epochSecond) {
        return sum(failures, epochSecond);
    }

    private long sum(long[] counts, long epochSecond) {
        long total = 0;
        for (int i = 0; i < seconds; i++) {
            long second = bucketSecond[i];
            if (second <= epochSecond && second > epochSecond - seconds) {
                total += counts[i];
            }
        }
        return total;
    }
}
