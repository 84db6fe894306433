package io.autoloop.retrainer.service;

/**
 * Thrown out of the training loop when the trainer's own step failed on one record of {@code training.samples}: names
 * the record (its partition, as the trainer keys offsets, and its offset) and carries the failure as its cause. The
 * step does no I/O, so this is never a Kafka or Redis outage: it is the record, or a bug it meets.
 */
public final class RecordFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String partition;
    private final long offset;

    RecordFailedException(String partition, long offset, RuntimeException cause) {
        super("The trainer failed on record " + partition + "@" + offset + ": " + cause, cause);
        this.partition = partition;
        this.offset = offset;
    }

    /** The record's partition, e.g. {@code training.samples-3}. */
    public String partition() {
        return partition;
    }

    /** The record's offset. */
    public long offset() {
        return offset;
    }
}
