package io.autoloop.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A framework's ObjectMapper, customized, speaks the contract dialect, refuses duplicate fields and reads and writes
 * doubles the fast way.
 */
class ContractJsonCustomizerTest {

    record Reading(String name, Instant at, Double value) {}

    private final ObjectMapper mapper = JsonMapper.builder().build();

    @Test
    void aCustomizedMapperWritesTheContractDialect() throws Exception {
        new ContractJsonCustomizer().customize(mapper);

        String json = mapper.writeValueAsString(new Reading("latency", Instant.parse("2026-01-01T00:00:01.5Z"), null));

        assertThat(json).isEqualTo("{\"name\":\"latency\",\"at\":\"2026-01-01T00:00:01.500Z\"}");
    }

    @Test
    void aCustomizedMapperToleratesUnknownFieldsAndReadsIsoInstants() throws Exception {
        new ContractJsonCustomizer().customize(mapper);

        Reading reading = mapper.readValue(
                "{\"name\":\"latency\",\"at\":\"2026-01-01T00:00:01.5Z\",\"value\":8.25,\"unit\":\"ms\"}",
                Reading.class);

        assertThat(reading).isEqualTo(new Reading("latency", Instant.parse("2026-01-01T00:00:01.500Z"), 8.25));
    }

    @Test
    void aCustomizedMapperRefusesAFieldNamedTwice() {
        new ContractJsonCustomizer().customize(mapper);

        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"value\":1,\"name\":\"b\"}", Reading.class))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void aCustomizedMapperReadsAndWritesDoublesWithTheFastParserAndWriter() {
        new ContractJsonCustomizer().customize(mapper);

        assertThat(mapper.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER)).isTrue();
        assertThat(mapper.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)).isTrue();
    }
}
