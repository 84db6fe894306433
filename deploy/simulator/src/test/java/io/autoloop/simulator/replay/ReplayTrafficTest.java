package io.autoloop.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.EventType;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.run.Traffic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTrafficTest {

    private final List<ObdImpression> log = ObdLogTest.LOG;

    @Test
    void aLoggedClickBecomesARankingOfItsItemThenAnImpressionAndAClick() {
        int index = indexOfClick();
        ObdImpression row = log.get(index);
        Traffic.Planned planned = new ReplayTraffic(log, "run-1").next(index).orElseThrow();

        RankRequest request = planned.request();
        assertThat(request.candidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.itemId()).isEqualTo("women-36");
            assertThat(candidate.features()).isEqualTo(row.item().features());
        });
        assertThat(request.limit()).isEqualTo(1);
        assertThat(request.user()).isEqualTo(row.userFeatureMap());
        assertThat(request.context()).containsEntry("campaign", "women").containsEntry("logged_position", "2");
        assertThat(request.userId()).isEqualTo(ReplayTraffic.userId(row)).matches("obd-[0-9a-f]{16}");
        assertThat(planned.logOffset()).isEqualTo(Duration.between(log.get(0).loggedAt(), row.loggedAt()));

        List<Traffic.PlannedEvent> events = planned.reaction()
                .to(new RankResponse(
                        "d-9",
                        null,
                        "champion",
                        "1.1.0",
                        List.of(new RankResponse.RankedItem("women-36", 0.01, 1)),
                        false));

        assertThat(events).extracting(e -> e.event().type()).containsExactly(EventType.IMPRESSION, EventType.CLICK);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.delay()).isZero();
            assertThat(e.event().decisionId()).isEqualTo("d-9");
            assertThat(e.event().itemId()).isEqualTo("women-36");
            assertThat(e.event().context())
                    .containsEntry("policy", "bts")
                    .containsEntry("logged_position", 2)
                    .containsEntry("logged_propensity", row.propensity());
        });
        assertThat(events.get(0).event().eventId())
                .isNotEqualTo(events.get(1).event().eventId());
    }

    @Test
    void eventIdsRepeatWithinARunAndDifferAcrossRuns() {
        RankResponse shown = new RankResponse(
                "d-1",
                null,
                null,
                null,
                List.of(new RankResponse.RankedItem(ReplayTraffic.itemId(log.get(0)), null, 1)),
                false);

        String first = new ReplayTraffic(log, "run-1")
                .next(0)
                .orElseThrow()
                .reaction()
                .to(shown)
                .get(0)
                .event()
                .eventId();
        String again = new ReplayTraffic(log, "run-1")
                .next(0)
                .orElseThrow()
                .reaction()
                .to(shown)
                .get(0)
                .event()
                .eventId();
        String other = new ReplayTraffic(log, "run-2")
                .next(0)
                .orElseThrow()
                .reaction()
                .to(shown)
                .get(0)
                .event()
                .eventId();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theLogEndsTheTraffic() {
        assertThat(new ReplayTraffic(log, "run-1").next(log.size())).isEmpty();
    }

    private int indexOfClick() {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).click()) {
                return i;
            }
        }
        throw new AssertionError("The Open Bandit log has a clicked row.");
    }
}
