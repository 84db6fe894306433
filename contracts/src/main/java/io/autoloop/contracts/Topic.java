package io.autoloop.contracts;

import io.autoloop.contracts.json.JsonSerde;

/**
 * A Kafka topic of the loop: its name and the record type of its values.
 *
 * @param <V> the value record
 */
public record Topic<V>(String name, Class<V> valueType) {

    public Topic {
        Require.text(name, "Topic", "name");
        Require.present(valueType, "Topic", "valueType");
    }

    /** A JSON serde for this topic's values, usable by producers, consumers and Kafka Streams. */
    public JsonSerde<V> serde() {
        return new JsonSerde<>(valueType);
    }
}
