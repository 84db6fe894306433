package io.autoloop.retrainer.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which records of {@code training.samples} the training loop must not take again: consumes the records the trainer's
 * step failed on (partition and offset, with the failure's message) and the records taken, and produces the records to
 * quarantine, each once the step failed on it twice.
 *
 * <p>Lifecycle: the loop reports every failure of the trainer's step with {@link #failed}, and starts over from the
 * checkpoint. For every record it reads again it asks {@link #quarantined} first: a quarantined record is dead-lettered
 * and skipped instead of taken. {@link #taken} then forgets the record, as it forgets one that failed once and was
 * taken the next time (a failure that did not come back).
 *
 * <p>The decision is not saved: it is remade. A restart from the checkpoint (a crash, another instance taking over)
 * reads the record again, and the step, which depends only on the record and the checkpointed state, fails on it twice
 * again. Once skipped, the record stays behind the checkpointed offsets, with its count.
 *
 * <p>Not thread-safe: the training thread owns it.
 */
public final class RecordQuarantine {

    /** How many failures of the step on one record quarantine it. */
    public static final int FAILURES_TO_QUARANTINE = 2;

    private final Map<Position, Failures> failed = new HashMap<>();

    /**
     * Records that the trainer's step failed on the record at {@code offset} of {@code partition}.
     *
     * @param partition the partition as the trainer keys offsets, e.g. {@code training.samples-3}
     * @param problem the failure's message
     * @return true when this failure quarantines the record
     */
    public boolean failed(String partition, long offset, String problem) {
        Failures before = failed.get(new Position(partition, offset));
        int count = before == null ? 1 : before.count() + 1;
        failed.put(
                new Position(partition, offset),
                new Failures(
                        count, Objects.requireNonNullElse(problem, "The trainer's step failed without a message.")));
        return count == FAILURES_TO_QUARANTINE;
    }

    /**
     * Why the record at {@code offset} of {@code partition} is quarantined (the message of the step's last failure on
     * it), or empty when it is not.
     */
    public Optional<String> quarantined(String partition, long offset) {
        if (failed.isEmpty()) {
            return Optional.empty();
        }
        Failures failures = failed.get(new Position(partition, offset));
        return failures == null || failures.count() < FAILURES_TO_QUARANTINE
                ? Optional.empty()
                : Optional.of(failures.problem());
    }

    /** Records that the record at {@code offset} of {@code partition} is behind the loop: taken, or skipped. */
    public void taken(String partition, long offset) {
        if (!failed.isEmpty()) {
            failed.remove(new Position(partition, offset));
        }
    }

    private record Position(String partition, long offset) {

        Position {
            Objects.requireNonNull(partition, "partition");
        }
    }

    private record Failures(int count, String problem) {}
}
