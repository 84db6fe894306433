package io.autoloop.router.messaging;

import io.autoloop.contracts.ModelVersion;

/** Reads a {@link ModelVersion} from contract JSON for the Kafka connector; a record that breaks the contract reads as null. */
public class ModelVersionDeserializer extends LenientDeserializer<ModelVersion> {

    public ModelVersionDeserializer() {
        super(ModelVersion.class);
    }
}
