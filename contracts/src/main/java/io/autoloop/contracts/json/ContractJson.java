package io.autoloop.contracts.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import java.io.IOException;

/**
 * The one JSON dialect of the wire contracts: ISO-8601 instants, nulls left out, unknown fields
 * tolerated (a newer producer may add fields), and a missing required field reported by name.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());
    private static final StreamingReader STREAMING_READER = new StreamingReader(MAPPER.getFactory());
    private static final StreamingWriter STREAMING_WRITER = new StreamingWriter(MAPPER.getFactory());

    private ContractJson() {}

    /** Applies the contract dialect to {@code mapper} (also used for a framework-managed mapper). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(InstantCodec.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * Serializes a record to UTF-8 JSON bytes. {@link FeedbackEvent} and {@link LabelledSample} are written by
     * {@link StreamingWriter}, which writes the same bytes as data binding.
     */
    public static byte[] write(Object value) {
        if (StreamingWriter.writes(value)) {
            byte[] json = STREAMING_WRITER.write(value);
            if (json != null) {
                return json;
            }
        }
        return writeBound(value);
    }

    /** {@link #write} by data binding alone. */
    static byte[] writeBound(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new ContractException(
                    "Could not write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a record from UTF-8 JSON bytes, naming the missing or malformed field on failure. {@link FeedbackEvent}
     * and {@link Decision} in their plain form are read by {@link StreamingReader}; whatever it leaves, including every
     * failure, is read by data binding.
     */
    public static <T> T read(byte[] json, Class<T> type) {
        if (StreamingReader.reads(type)) {
            T value = STREAMING_READER.read(json, type);
            if (value != null) {
                return value;
            }
        }
        return readBound(json, type);
    }

    /** {@link #read} by data binding alone. */
    static <T> T readBound(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ContractException(cause.getMessage(), e);
        } catch (IOException e) {
            throw new ContractException(
                    "Could not read a " + type.getSimpleName() + " from JSON: "
                            + (e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()),
                    e);
        }
    }
}
