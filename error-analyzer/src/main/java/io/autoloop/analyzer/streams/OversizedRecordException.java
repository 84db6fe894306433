package io.autoloop.analyzer.streams;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value the analyzer refuses to write because it would make its record larger than
 * {@code analyzer.limits.record-bytes}. Thrown while serializing, before the record reaches the producer, so that
 * {@link ProductionErrorHandler} can skip it without failing the transaction it belongs to.
 */
public final class OversizedRecordException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public OversizedRecordException(String topic, int valueBytes, int maxValueBytes) {
        super("A value for topic '" + topic + "' takes " + valueBytes + " bytes, more than the " + maxValueBytes
                + " a record of the analyzer may hold besides its key and headers (analyzer.limits.record-bytes);"
                + " it is not written.");
    }
}
