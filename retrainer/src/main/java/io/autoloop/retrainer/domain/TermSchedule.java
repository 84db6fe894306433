package io.autoloop.retrainer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The timers of one term of the active trainer: consumes the interval of each {@link Task} and the times the training
 * loop did them, and produces which task is due at a given instant. When a candidate is due is the
 * {@link PublishSchedule}'s rule, not this one's.
 *
 * <p>Lifecycle: one schedule per term, created when the term starts; {@link Task#REPORT_STATUS} and
 * {@link Task#REPORT_HEALTH} are due at once (the term shows as active without waiting), every other task one interval
 * after the start. After each batch of records
 * the loop asks {@link #due} for each task and calls {@link #done} once it did one; the task is due again one interval
 * after that. A task done for another reason (a publish writes a checkpoint too) is reported with {@link #done} as
 * well, which puts off its next turn.
 *
 * <p>Not thread-safe: the training thread owns it.
 */
public final class TermSchedule {

    /** What the training loop does on a timer while it holds the lease. */
    public enum Task {
        /** Renew the trainer lease. */
        RENEW_LEASE,
        /**
         * Read the lineages and the champion alias: a new lineage starts training, a retired one stops, and a new
         * champion restarts the holdout windows.
         */
        REFRESH_CHAMPION,
        /** Look for partitions added to the samples topic. */
        ASSIGN_PARTITIONS,
        /** Save the trainer state with the consumed offsets. */
        CHECKPOINT,
        /** Report the trainer's status and metrics. */
        REPORT_STATUS,
        /** Write the health of training to Redis for the router's dashboard. */
        REPORT_HEALTH
    }

    private final Map<Task, Duration> every = new EnumMap<>(Task.class);
    private final Map<Task, Instant> next = new EnumMap<>(Task.class);
    private final Map<Task, Instant> last = new EnumMap<>(Task.class);

    /**
     * @param every the interval of every task; zero makes a task due after every batch
     * @param start when the term started
     * @throws IllegalArgumentException when a task has no interval or a negative one
     */
    public TermSchedule(Map<Task, Duration> every, Instant start) {
        Objects.requireNonNull(start, "start");
        for (Task task : Task.values()) {
            Duration interval = every.get(task);
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException(
                        "The interval of " + task + " must be zero or positive, but it is " + interval + ".");
            }
            this.every.put(task, interval);
            this.next.put(task, reportsAtOnce(task) ? start : start.plus(interval));
        }
    }

    private static boolean reportsAtOnce(Task task) {
        return task == Task.REPORT_STATUS || task == Task.REPORT_HEALTH;
    }

    /** Whether {@code task} is due at {@code now}. */
    public boolean due(Task task, Instant now) {
        return !now.isBefore(next.get(task));
    }

    /** Records that {@code task} was done at {@code now}: it is due again one interval later. */
    public void done(Task task, Instant now) {
        next.put(task, now.plus(every.get(task)));
        last.put(task, now);
    }

    /** When {@code task} was last done in this term; empty before the first time. */
    public Optional<Instant> lastDone(Task task) {
        return Optional.ofNullable(last.get(task));
    }
}
