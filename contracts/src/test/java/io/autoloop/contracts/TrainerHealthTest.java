package io.autoloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.TrainerHealth.State;
import io.autoloop.contracts.json.ContractException;
import io.autoloop.contracts.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerHealthTest {

    private static final Instant AT = Instant.parse("2026-11-30T10:15:30Z");

    @ParameterizedTest
    @EnumSource(State.class)
    void aReportRoundTripsThroughTheContractJsonWithItsStateInLowerCase(State state) {
        TrainerHealth report = report(state, state == State.HEALTHY ? null : "One sentence saying why.");

        byte[] json = ContractJson.write(report);

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"state\":\"" + state.wireName() + "\"");
        assertThat(ContractJson.read(json, TrainerHealth.class)).isEqualTo(report);
    }

    @Test
    void aStateOtherThanHealthyNeedsASentenceSayingWhy() {
        assertThatThrownBy(() -> report(State.STALLED, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A TrainerHealth needs the field 'detail', but it is missing or null.");
    }

    @Test
    void anUnknownStateIsRefusedNamingTheAcceptedOnes() {
        byte[] json = new String(ContractJson.write(report(State.HEALTHY, null)), StandardCharsets.UTF_8)
                .replace("\"healthy\"", "\"asleep\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ContractJson.read(json, TrainerHealth.class))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("use healthy, stalled or failing");
    }

    @Test
    void aReportIsStaleFromItsStaleAtOn() {
        TrainerHealth report = report(State.HEALTHY, null);

        assertThat(report.isStale(report.staleAt().minusMillis(1))).isFalse();
        assertThat(report.isStale(report.staleAt())).isTrue();
    }

    private static TrainerHealth report(State state, String detail) {
        return new TrainerHealth(
                TrainerHealth.SCHEMA_VERSION,
                "ctr",
                "123@host/4f",
                state,
                detail,
                AT,
                AT.plusSeconds(15),
                AT.minusSeconds(2),
                12_000,
                40,
                1,
                0);
    }
}
