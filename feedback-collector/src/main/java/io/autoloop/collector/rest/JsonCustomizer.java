package io.autoloop.collector.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the HTTP answers the JSON dialect of the wire contracts (ISO-8601 instants, nulls left out). */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.configure(mapper);
    }
}
