package io.autoloop.contracts.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.LabelledSample;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the two records written once per event, {@link FeedbackEvent} (by the collector) and {@link LabelledSample}
 * (by the analyzer), token by token instead of through data binding. The output is byte for byte what data binding
 * writes in the contract dialect: fields in record order, nulls left out, instants as ISO text. A value data binding
 * would write some other way (a context or feature value that is not a string, an integer, a double or a boolean)
 * makes {@link #write} answer null, and {@link ContractJson} then writes the record with data binding.
 */
final class StreamingWriter {

    private static final DataBindingFallback FALLBACK = DataBindingFallback.INSTANCE;

    private final JsonFactory factory;

    StreamingWriter(JsonFactory factory) {
        this.factory = factory;
    }

    /** Whether {@link #write} can write {@code value} at all. */
    static boolean writes(Object value) {
        return value instanceof FeedbackEvent || value instanceof LabelledSample;
    }

    /** {@code value} as JSON, or null when data binding has to write it. */
    byte[] write(Object value) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512)) {
            try (JsonGenerator generator = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
                if (value instanceof FeedbackEvent event) {
                    feedbackEvent(event, generator);
                } else {
                    labelledSample((LabelledSample) value, generator);
                }
            }
            return bytes.toByteArray();
        } catch (IOException | DataBindingFallback e) {
            return null;
        }
    }

    private static void feedbackEvent(FeedbackEvent event, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("schemaVersion", event.schemaVersion());
        text(out, "eventId", event.eventId());
        text(out, "type", event.type().wireName());
        text(out, "userId", event.userId());
        text(out, "itemId", event.itemId());
        text(out, "decisionId", event.decisionId());
        instant(out, "timestamp", event.timestamp());
        instant(out, "sentAt", event.sentAt());
        if (event.value() != null) {
            out.writeNumberField("value", event.value());
        }
        out.writeFieldName("context");
        scalars(out, event.context());
        out.writeBooleanField("consent", event.consent());
        text(out, "appId", event.appId());
        instant(out, "receivedAt", event.receivedAt());
        instant(out, "eventTime", event.eventTime());
        out.writeEndObject();
    }

    private static void labelledSample(LabelledSample sample, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeNumberField("schemaVersion", sample.schemaVersion());
        text(out, "decisionId", sample.decisionId());
        text(out, "userId", sample.userId());
        text(out, "itemId", sample.itemId());
        out.writeNumberField("position", sample.position());
        out.writeNumberField("propensity", sample.propensity());
        out.writeFieldName("features");
        out.writeStartObject();
        for (Map.Entry<String, Map<String, Object>> namespace :
                sample.features().entrySet()) {
            out.writeFieldName(namespace.getKey());
            scalars(out, namespace.getValue());
        }
        out.writeEndObject();
        out.writeNumberField("label", sample.label());
        out.writeNumberField("weight", sample.weight());
        text(out, "reason", sample.reason());
        text(out, "experimentId", sample.experimentId());
        text(out, "modelVersion", sample.modelVersion());
        text(out, "arm", sample.arm().wireName());
        out.writeNumberField("predicted", sample.predicted());
        instant(out, "eventTime", sample.eventTime());
        out.writeBooleanField("consent", sample.consent());
        out.writeEndObject();
    }

    private static void scalars(JsonGenerator out, Map<String, Object> values) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            out.writeFieldName(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof String text) {
                out.writeString(text);
            } else if (value instanceof Integer number) {
                out.writeNumber(number);
            } else if (value instanceof Long number) {
                out.writeNumber(number);
            } else if (value instanceof Double number) {
                out.writeNumber(number);
            } else if (value instanceof Boolean flag) {
                out.writeBoolean(flag);
            } else {
                throw FALLBACK;
            }
        }
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator out, String name, Instant value) throws IOException {
        if (value != null) {
            out.writeStringField(name, IsoInstants.format(value));
        }
    }
}
