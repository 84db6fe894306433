package io.autoloop.retrainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLettersTest {

    private static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void aMalformedRecordIsRejectedByTheRetrainerNamingTheRecordAndTheProblem() {
        ConsumerRecord<byte[], byte[]> record = record("{not json".getBytes(StandardCharsets.UTF_8));

        RejectedRecord letter = DeadLetters.malformedSample(record, "Unexpected end of input.", AT);

        assertThat(letter)
                .isEqualTo(new RejectedRecord(
                        RejectedRecord.SCHEMA_VERSION,
                        "retrainer",
                        null,
                        "malformed-sample",
                        List.of(new FieldError("training.samples-2@17", "Unexpected end of input.")),
                        "{not json",
                        AT));
    }

    @Test
    void aLongPayloadIsCutAndATombstoneHasNone() {
        byte[] longValue = "x".repeat(DeadLetters.MAX_PAYLOAD + 10).getBytes(StandardCharsets.UTF_8);

        assertThat(DeadLetters.malformedSample(record(longValue), "Too long.", AT)
                        .payload())
                .hasSize(DeadLetters.MAX_PAYLOAD);
        assertThat(DeadLetters.malformedSample(record(null), "A tombstone.", AT).payload())
                .isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void withoutAProblemTheLetterSaysTheRecordIsNotASample(String problem) {
        RejectedRecord letter = DeadLetters.malformedSample(record(new byte[0]), problem, AT);

        assertThat(letter.errors())
                .extracting(FieldError::message)
                .containsExactly("The record is not a valid LabelledSample.");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("training.samples", 2, 17, null, value);
    }
}
