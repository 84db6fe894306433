package io.autoloop.analyzer.state;

import io.autoloop.contracts.json.ContractException;
import io.autoloop.contracts.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads a contract record leniently into {@link Parsed}, never throwing on bad input (a record without value reads
 * as null); writes it back as the exact bytes it was read from, so a repartition costs no JSON serialization.
 *
 * @param <T> the contract record
 */
public final class ParsedSerde<T> implements Serde<Parsed<T>>, Serializer<Parsed<T>>, Deserializer<Parsed<T>> {

    private final Class<T> type;

    public ParsedSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public Parsed<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return new Parsed.Ok<>(ContractJson.read(data, type), data);
        } catch (ContractException e) {
            return new Parsed.Unreadable<>(new String(data, StandardCharsets.UTF_8), e.getMessage());
        }
    }

    @Override
    public byte[] serialize(String topic, Parsed<T> data) {
        if (data == null) {
            return null;
        }
        if (data instanceof Parsed.Ok<T> ok) {
            return ok.json();
        }
        return ((Parsed.Unreadable<T>) data).payload().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the format is fixed.
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    @Override
    public Serializer<Parsed<T>> serializer() {
        return this;
    }

    @Override
    public Deserializer<Parsed<T>> deserializer() {
        return this;
    }
}
