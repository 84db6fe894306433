package io.autoloop.analyzer.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreType;

/** Opens this instance's Kafka Streams state stores for interactive queries. */
@ApplicationScoped
public class LocalStores {

    private final KafkaStreams streams;

    LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The local store {@code name}, or a {@link StoresUnavailableException} while it cannot be queried. */
    <T> T open(String name, QueryableStoreType<T> type) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw new StoresUnavailableException(
                    "The store '" + name + "' cannot be queried while Kafka Streams is " + streams.state()
                            + "; retry in a few seconds.",
                    e);
        }
    }
}
