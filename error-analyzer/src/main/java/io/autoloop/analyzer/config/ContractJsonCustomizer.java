package io.autoloop.analyzer.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Gives the REST layer's ObjectMapper the JSON dialect of the wire contracts (ISO instants, nulls left out). */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.configure(mapper);
    }
}
