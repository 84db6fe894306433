package io.autoloop.retrainer.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Makes the REST API write JSON in the dialect of the wire contracts (ISO-8601 instants, nulls left out). */
@Singleton
public class JsonDialect implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.configure(mapper);
    }
}
