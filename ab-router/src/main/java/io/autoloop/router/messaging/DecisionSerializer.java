package io.autoloop.router.messaging;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.json.JsonSerde;

/** Writes a {@link Decision} as contract JSON for the Kafka connector. */
public class DecisionSerializer extends JsonSerde<Decision> {

    public DecisionSerializer() {
        super(Decision.class);
    }
}
