package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ServedItem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionLogTest {

    private static final Decision DECISION = new Decision(
            Decision.SCHEMA_VERSION,
            "d-1",
            "pseudonym",
            null,
            Arm.CHAMPION,
            null,
            Instant.parse("2025-06-01T10:00:00Z"),
            List.of(new ServedItem("a", 1, 0.0, 1.0, Map.of())));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    static List<Arguments> failures() {
        return List.of(
                Arguments.of(new RecordTooLargeException("The message is 2000000 bytes"), "too-large"),
                Arguments.of(new CompletionException(new RecordTooLargeException("too large")), "too-large"),
                Arguments.of(new TimeoutException("Expiring 1 record(s)"), "timeout"),
                Arguments.of(new SerializationException("Cannot write"), "serialization"),
                Arguments.of(new KafkaException("Not leader"), "kafka"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aDecisionKafkaDidNotTakeIsCountedByReason(Throwable failure, String reason) {
        // given a channel whose every send fails with the failure
        DecisionLog log = new DecisionLog(emitter(message -> message.nack(failure)), meters, 1_048_576);

        // when two decisions are logged
        log.log(DECISION);
        log.log(DECISION);

        // then both are counted as failed for that reason, and nothing as logged
        assertThat(meters.counter("autoloop.decisions.failed", "reason", reason).count())
                .isEqualTo(2);
        assertThat(meters.counter("autoloop.decisions.logged").count()).isZero();
    }

    static List<Arguments> drops() {
        return List.of(
                Arguments.of(
                        new IllegalStateException("SRMSG00035", new BackPressureFailure("Buffer is full")),
                        "buffer-full"),
                Arguments.of(new IllegalStateException("SRMSG00027: the emitter is cancelled"), "channel-closed"));
    }

    @ParameterizedTest
    @MethodSource("drops")
    void aDecisionTheChannelRefusedIsCountedAsDroppedByReason(RuntimeException refusal, String reason) {
        DecisionLog log = new DecisionLog(
                emitter(message -> {
                    throw refusal;
                }),
                meters,
                1_048_576);

        log.log(DECISION);

        assertThat(meters.counter("autoloop.decisions.dropped", "reason", reason)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void everyReasonIsCountedFromZeroSoThatItsSeriesExistsBeforeTheFirstLoss() {
        new DecisionLog(emitter(Message::ack), meters, 1_048_576);

        assertThat(meters.find("autoloop.decisions.failed").counters()).hasSize(DecisionLog.FAILURES.size());
        assertThat(meters.find("autoloop.decisions.dropped").counters()).hasSize(DecisionLog.DROPS.size());
    }

    @Test
    void aDecisionIsKeptWithinTheChannelsRecordSizeLessItsReserve() {
        DecisionLog log = new DecisionLog(emitter(Message::ack), meters, 1_048_576);

        assertThat(log.maxDecisionBytes()).isEqualTo(1_048_576 - DecisionLog.RECORD_RESERVE);
    }

    /** An emitter that hands each message to {@code send}. */
    private static Emitter<Decision> emitter(Consumer<Message<Decision>> send) {
        return new Emitter<>() {
            @Override
            public CompletionStage<Void> send(Decision payload) {
                throw new UnsupportedOperationException("The decision log sends messages.");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <M extends Message<? extends Decision>> void send(M message) {
                send.accept((Message<Decision>) message);
            }

            @Override
            public void complete() {}

            @Override
            public void error(Exception e) {}

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public boolean hasRequests() {
                return true;
            }
        };
    }
}
