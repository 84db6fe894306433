package io.autoloop.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract JSON reads and writes instants exactly as the JavaTimeModule alone does. */
class InstantCodecTest {

    private static final ObjectMapper JAVA_TIME_ONLY = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2025-01-31T12:00:00Z\"",
                "\"2025-01-31T12:00:00.120Z\"",
                "\"2025-01-31T12:00:00.123456789Z\"",
                "\"2025-01-31T12:00:00+01:00\"",
                "\"2025-01-31T24:00:00Z\"",
                "\"+12025-01-31T12:00:00Z\"",
                "1700000000",
                "1700000000.5"
            })
    void readsWhatTheJavaTimeModuleReads(String json) throws Exception {
        Instant expected = JAVA_TIME_ONLY.readValue(json, Instant.class);

        assertThat(ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Instant.class))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2025-02-29T12:00:00Z\"", "\"2025-01-31T12:00Z\"", "\"yesterday\"", "true"})
    void refusesWhatTheJavaTimeModuleRefuses(String json) {
        assertThatThrownBy(() -> JAVA_TIME_ONLY.readValue(json, Instant.class)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> ContractJson.read(json.getBytes(StandardCharsets.UTF_8), Instant.class))
                .isInstanceOf(ContractException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1_700_000_000_123L, -1, 253_402_300_800_000L, -62_167_219_200_001L})
    void writesWhatTheJavaTimeModuleWrites(long epochMilli) throws Exception {
        Instant instant = Instant.ofEpochMilli(epochMilli).plusNanos(epochMilli % 7 == 0 ? 0 : 4_000);

        assertThat(new String(ContractJson.write(instant), StandardCharsets.UTF_8))
                .isEqualTo(JAVA_TIME_ONLY.writeValueAsString(instant));
    }
}
