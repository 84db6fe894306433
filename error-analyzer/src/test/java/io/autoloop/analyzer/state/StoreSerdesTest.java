package io.autoloop.analyzer.state;

import static io.autoloop.analyzer.Fixtures.click;
import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.analyzer.domain.ArmCount;
import io.autoloop.analyzer.domain.ArmTally;
import io.autoloop.analyzer.domain.DecisionState;
import io.autoloop.analyzer.domain.ErrorAccumulator;
import io.autoloop.analyzer.domain.Signal;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.json.ContractJson;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StoreSerdesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private final Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.25));

    @Test
    void anOpenDecisionStateRoundTrips() {
        DecisionState open = DecisionState.open(
                decision,
                T0.toEpochMilli() + 1000,
                false,
                List.of(
                        new Signal("e1", EventType.RATING, "a", 4.5, T0.plusSeconds(1)),
                        new Signal("e2", EventType.CLICK, "b", null, T0.plusSeconds(2))));

        assertThat(roundTrip(StoreSerdes.decisionState(), open)).isEqualTo(open);
    }

    @Test
    void waitingFeedbackRoundTrips() {
        DecisionState waiting = DecisionState.awaiting(
                T0.toEpochMilli(), true, List.of(click("e1", decision, "a", T0), click("e2", decision, "b", T0)));

        assertThat(roundTrip(StoreSerdes.decisionState(), waiting)).isEqualTo(waiting);
    }

    @Test
    void waitingFeedbackKeepsEveryFieldAndContextValueType() {
        FeedbackEvent rich = new FeedbackEvent(
                FeedbackEvent.SCHEMA_VERSION,
                "e-ü-1",
                EventType.RATING,
                "u1",
                "ä",
                null,
                T0,
                T0.plusNanos(123_456_789),
                4.0,
                Map.of(
                        "text",
                        "grüße 😀",
                        "int",
                        7,
                        "long",
                        12_345_678_901L,
                        "double",
                        0.25,
                        "flag",
                        true,
                        "huge",
                        new BigInteger("123456789012345678901234567890")),
                false,
                "demo",
                T0.plusSeconds(1),
                T0.minusMillis(5));
        DecisionState waiting =
                DecisionState.awaiting(T0.toEpochMilli(), true, List.of(rich, click("e2", decision, "b", T0)));

        DecisionState read = roundTrip(StoreSerdes.decisionState(), waiting);

        assertThat(read).isEqualTo(waiting);
        assertThat(read.waiting().get(0).context())
                .extractingByKeys("int", "long", "huge")
                .hasExactlyElementsOfTypes(Integer.class, Long.class, BigInteger.class);
    }

    @Test
    void aStateWrittenInFormatOneWithJsonWaitingFeedbackIsStillRead() throws IOException {
        FeedbackEvent event = click("e1", decision, "a", T0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeByte(DecisionState.Phase.AWAITING_DECISION.ordinal());
            out.writeLong(T0.toEpochMilli());
            out.writeLong(0L);
            out.writeBoolean(false);
            out.writeBoolean(false);
            out.writeInt(0);
            out.writeInt(0);
            out.writeInt(1);
            byte[] json = ContractJson.write(event);
            out.writeInt(json.length);
            out.write(json);
        }

        DecisionState read = StoreSerdes.decisionState().deserializer().deserialize("t", bytes.toByteArray());

        assertThat(read).isEqualTo(DecisionState.awaiting(T0.toEpochMilli(), false, List.of(event)));
    }

    @Test
    void tallyAndErrorsRoundTrip() {
        ArmTally tally = new ArmTally(
                Map.of(Arm.CHAMPION, new ArmCount(10, 2, "1.0.0", 5L), Arm.CHALLENGER, new ArmCount(3, 1, null, 7L)),
                60_000L);
        ErrorAccumulator errors = new ErrorAccumulator().add(0.3, 1).add(0.7, 0);

        assertThat(roundTrip(StoreSerdes.armTally(), tally)).isEqualTo(tally);
        assertThat(roundTrip(StoreSerdes.errorAccumulator(), errors)).isEqualTo(errors);
        assertThat(roundTrip(StoreSerdes.armPart(), new ArmPart(60_000L, tally)))
                .isEqualTo(new ArmPart(60_000L, tally));
    }

    @Test
    void anUnknownFormatIsRefusedWithASentence() {
        assertThatThrownBy(() -> StoreSerdes.armTally().deserializer().deserialize("t", new byte[] {9}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("A stored ArmTally has format 9, but this build reads format 1.");
        assertThatThrownBy(() -> StoreSerdes.decisionState().deserializer().deserialize("t", new byte[] {9}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("A stored DecisionState has format 9, but this build reads formats 2 and 1.");
    }

    @Test
    void aTruncatedValueIsRefusedWithASentence() {
        byte[] whole = StoreSerdes.armTally()
                .serializer()
                .serialize("t", new ArmTally(Map.of(Arm.CHAMPION, new ArmCount(1, 0, "1.0.0", 5L)), 0L));

        assertThatThrownBy(() ->
                        StoreSerdes.armTally().deserializer().deserialize("t", Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Could not read a ArmTally: The stored value ends after");
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
