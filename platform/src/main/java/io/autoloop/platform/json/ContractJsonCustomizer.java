package io.autoloop.platform.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Gives the ObjectMapper of every service's HTTP API the JSON dialect of the wire contracts ({@link ContractJson}:
 * ISO-8601 instants, nulls left out, unknown fields tolerated), a request that names a field twice refused as
 * malformed (which of the two values counts is not something a client should have to guess), and Jackson's fast double
 * parser and writer, which read and write the same numbers with less CPU and garbage (a ranking request carries
 * thousands of them).
 */
@Singleton
public class ContractJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        ContractJson.configure(mapper)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature())
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }
}
