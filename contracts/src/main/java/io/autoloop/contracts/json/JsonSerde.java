package io.autoloop.contracts.json;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer, deserializer and Kafka Streams serde for one contract record, in the
 * {@link ContractJson} dialect. A null payload (a tombstone) reads as null.
 *
 * @param <T> the record type
 */
public class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : ContractJson.write(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : ContractJson.read(data, type);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the type is fixed at construction.
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
