package io.autoloop.retrainer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When the training loop proposes a candidate by itself: once {@code everySamples} samples were trained since the
 * last attempt, or once {@code every} has passed since it if at least one sample was trained meanwhile, and in both
 * cases only when the holdout window can judge it. Until then a due candidate waits; waiting is not a rejection.
 *
 * <p>Lifecycle: one schedule per term of the active trainer, created when the term starts (the time trigger counts
 * from then); {@link #due} after every batch of records; {@link #attempted} after every judged candidate, scheduled
 * or forced, published or rejected. The samples since the last attempt are counted by the {@link Trainer}, whose
 * checkpoint keeps the count across restarts; the time of the last attempt is kept here.
 *
 * <p>Not thread-safe: the training thread owns it.
 */
public final class PublishSchedule {

    private final long everySamples;
    private final Duration every;
    private Instant lastAttempt;

    /**
     * @param everySamples trained samples after which a candidate is due ({@code retrainer.publish.every-samples})
     * @param every time after the last attempt after which a candidate is due if a sample was trained meanwhile
     *     ({@code retrainer.publish.every})
     * @param start when the term started: the time trigger counts from it until the first attempt
     */
    public PublishSchedule(long everySamples, Duration every, Instant start) {
        if (everySamples < 1) {
            throw new IllegalArgumentException("retrainer.publish.every-samples must be at least 1, got " + everySamples
                    + "; a candidate needs at least one new sample.");
        }
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException(
                    "retrainer.publish.every must be a positive duration, got " + every + ".");
        }
        this.everySamples = everySamples;
        this.every = every;
        this.lastAttempt = Objects.requireNonNull(start, "start");
    }

    /**
     * Whether a scheduled candidate is due at {@code now}.
     *
     * @param samplesSinceLastAttempt samples trained since the last published or rejected candidate, as
     *     {@link Trainer#samplesSinceLastAttempt()} counts them
     * @param canJudge whether the holdout window holds enough samples to judge a candidate ({@link Trainer#canJudge()})
     */
    public boolean due(long samplesSinceLastAttempt, boolean canJudge, Instant now) {
        boolean countReached = samplesSinceLastAttempt >= everySamples;
        boolean timeReached = samplesSinceLastAttempt > 0 && !now.isBefore(lastAttempt.plus(every));
        return (countReached || timeReached) && canJudge;
    }

    /** Records that a candidate was judged at {@code now}: the time trigger counts from it. */
    public void attempted(Instant now) {
        lastAttempt = Objects.requireNonNull(now, "now");
    }
}
