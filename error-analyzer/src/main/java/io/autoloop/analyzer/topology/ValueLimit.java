package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.streams.OversizedRecordException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The largest value the analyzer writes to a topic, checked as each value is serialized: one over it is counted in
 * {@code autoloop.records.too-large} (tagged {@code topic}) and refused with an {@link OversizedRecordException}
 * before it reaches the producer, where it would abort the transaction; the production exception handler then skips
 * it. Changelogs are not written through these serdes: the decision states are checked against their own, smaller
 * limit, and the other stores hold values of a bounded size.
 */
final class ValueLimit {

    private final int maxBytes;
    private final AnalyzerMetrics metrics;

    ValueLimit(int maxBytes, AnalyzerMetrics metrics) {
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    /** {@code serde} with its serializer refusing values over the limit; its deserializer as it is. */
    <T> Serde<T> on(Serde<T> serde) {
        Serializer<T> serializer = serde.serializer();
        return Serdes.serdeFrom(
                new Serializer<T>() {
                    @Override
                    public byte[] serialize(String topic, T data) {
                        return checked(topic, serializer.serialize(topic, data));
                    }

                    @Override
                    public byte[] serialize(String topic, Headers headers, T data) {
                        return checked(topic, serializer.serialize(topic, headers, data));
                    }
                },
                serde.deserializer());
    }

    private byte[] checked(String topic, byte[] value) {
        if (value != null && value.length > maxBytes) {
            metrics.tooLarge(topic);
            throw new OversizedRecordException(topic, value.length, maxBytes);
        }
        return value;
    }
}
