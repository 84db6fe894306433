package io.autoloop.router.messaging;

import io.autoloop.contracts.json.ContractException;
import io.autoloop.contracts.json.JsonSerde;
import org.jboss.logging.Logger;

/**
 * Reads contract JSON, turning a record that breaks its contract into null (logged) so that one bad record neither
 * stops a channel nor is retried forever; the consumers skip nulls.
 */
public class LenientDeserializer<T> extends JsonSerde<T> {

    private static final Logger LOG = Logger.getLogger(LenientDeserializer.class);

    private final Class<T> type;

    protected LenientDeserializer(Class<T> type) {
        super(type);
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        try {
            return super.deserialize(topic, data);
        } catch (ContractException e) {
            LOG.warnf("Skipping a %s on %s that breaks its contract: %s", type.getSimpleName(), topic, e.getMessage());
            return null;
        }
    }
}
