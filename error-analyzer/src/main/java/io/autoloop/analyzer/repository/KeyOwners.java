package io.autoloop.analyzer.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells which analyzer instance holds a key's state, from Kafka Streams' metadata: with several instances each
 * holds the stores of its own partitions, and each advertises itself as
 * {@code quarkus.kafka-streams.application-server} (host:port of its HTTP server). Without that setting the
 * analyzer assumes it runs alone and answers every query locally.
 */
@ApplicationScoped
public class KeyOwners {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;

    KeyOwners(
            KafkaStreams streams,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        this.streams = streams;
        this.self = applicationServer.map(HostInfo::buildFromEndpoint);
    }

    /** The other instance holding {@code key} of {@code store}; empty when this instance holds it (or runs alone). */
    public Optional<HostInfo> remoteOwner(String store, String key) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, KEYS);
        } catch (IllegalStateException e) {
            throw new StoresUnavailableException(
                    "Kafka Streams is " + streams.state() + " and cannot tell where '" + key + "' is kept; retry.", e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new StoresUnavailableException(
                    "No analyzer instance holds '" + key + "' right now (rebalancing); retry in a few seconds.", null);
        }
        HostInfo owner = metadata.activeHost();
        return owner.equals(self.get()) ? Optional.empty() : Optional.of(owner);
    }
}
