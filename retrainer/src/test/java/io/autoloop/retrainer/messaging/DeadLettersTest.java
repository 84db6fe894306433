package io.autoloop.retrainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.retrainer.domain.SampleOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLettersTest {

    private static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void aMalformedRecordIsRejectedByTheRetrainerNamingTheRecordAndTheProblem() {
        ConsumerRecord<byte[], byte[]> record = record("{not json".getBytes(StandardCharsets.UTF_8));

        RejectedRecord letter = DeadLetters.letter(record, SampleOutcome.MALFORMED, "Unexpected end of input.", AT);

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

        assertThat(DeadLetters.letter(record(longValue), SampleOutcome.MALFORMED, "Too long.", AT)
                        .payload())
                .hasSize(DeadLetters.MAX_PAYLOAD);
        assertThat(DeadLetters.letter(record(null), SampleOutcome.MALFORMED, "A tombstone.", AT)
                        .payload())
                .isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void withoutAProblemTheLetterSaysTheRecordIsNotASample(String problem) {
        RejectedRecord letter = DeadLetters.letter(record(new byte[0]), SampleOutcome.MALFORMED, problem, AT);

        assertThat(letter.errors())
                .extracting(FieldError::message)
                .containsExactly("The record is not a valid LabelledSample.");
    }

    @ParameterizedTest
    @EnumSource(
            value = SampleOutcome.class,
            names = {"NON_FINITE_UPDATE", "QUARANTINED"})
    void aRecordTheTrainerDidNotLearnCarriesTheReasonOfItsOutcome(SampleOutcome outcome) {
        ConsumerRecord<byte[], byte[]> record = record("{\"features\":{}}".getBytes(StandardCharsets.UTF_8));

        RejectedRecord letter = DeadLetters.letter(record, outcome, "Why, in one sentence.", AT);

        assertThat(List.of(
                        letter.reason(),
                        letter.errors().get(0).field(),
                        letter.errors().get(0).message()))
                .containsExactly(outcome.deadLetterReason(), "training.samples-2@17", "Why, in one sentence.");
    }

    @ParameterizedTest
    @EnumSource(
            value = SampleOutcome.class,
            names = {"TRAINED", "NO_CONSENT"})
    void aRecordThatIsNotDeadLetteredHasNoLetter(SampleOutcome outcome) {
        assertThatThrownBy(() -> DeadLetters.letter(record(new byte[0]), outcome, "Learned.", AT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not dead-lettered");
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("training.samples", 2, 17, null, value);
    }
}
