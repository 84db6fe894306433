package io.autoloop.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.EventType;
import io.autoloop.simulator.http.BatchOutcome;
import io.autoloop.simulator.http.ExperimentStatus;
import io.autoloop.simulator.http.RankOutcome;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.world.RankingValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void lineShowsEventsCtrByArmAndTheExperiment() {
        Tally tally = new Tally();
        RankResponse champion = new RankResponse("d1", "ctr-2", "champion", "0.1.0", List.of(), false);
        RankResponse challenger = new RankResponse("d2", "ctr-2", "challenger", "0.2.0", List.of(), false);
        tally.rankSent();
        tally.rankOutcome(new RankOutcome.Ranked(champion, 0));
        for (int i = 0; i < 200; i++) {
            tally.planned(EventType.IMPRESSION, i < 100 ? champion : challenger);
        }
        for (int i = 0; i < 5; i++) {
            tally.planned(EventType.CLICK, champion);
        }
        tally.planned(EventType.CLICK, challenger);
        tally.batch(new BatchOutcome(206, 200, 5, 1, 0, 2, false, List.of("click timestamp: too old")));
        tally.valued(Duration.ofSeconds(10), new RankingValue(0.9, 1.0), false);
        tally.valued(Duration.ofSeconds(20), new RankingValue(0.5, 1.0), true);
        tally.valued(Duration.ofSeconds(70), new RankingValue(1.0, 1.0), false);

        String line = ProgressLine.line(
                tally.snapshot(),
                new ExperimentStatus("ctr-2", "PROGRESSING", 10.0, "0.1.0", "0.2.0"),
                Duration.ofSeconds(75));

        assertThat(line)
                .startsWith("[0:01:15] rank 1 ok")
                .contains("200 accepted, 5 dup, 1 rejected, 2 retries")
                .contains("CTR champion 0.1.0 5.00% (100), challenger 0.2.0 1.00% (100)"
                        + " | % of oracle 80.0% (95.0% w/o exploration), minute 1 70.0% (90.0%) | ")
                .endsWith("experiment ctr-2 PROGRESSING, challenger weight 10% (0.1.0 vs 0.2.0)");
    }

    @Test
    void summaryAccountsForEveryEventAndListsProblems() {
        Tally tally = new Tally();
        tally.rankSent();
        tally.rankOutcome(new RankOutcome.Unavailable("could not connect to 127.0.0.1:8080", 5));
        tally.batch(new BatchOutcome(3, 0, 0, 0, 3, 5, false, List.of("HTTP 503: Kafka is away")));

        List<String> summary = ProgressLine.summary("world seed 1", tally.snapshot(), null, Duration.ofSeconds(3));

        assertThat(summary)
                .contains("  rank requests   1 sent: 0 ranked, 0 refused, 1 unavailable; 5 retries (0.0/s)")
                .contains("  experiment      –")
                .noneMatch(text -> text.contains("oracle"))
                .contains(
                        "    1 × rank: could not connect to 127.0.0.1:8080", "    1 × events: HTTP 503: Kafka is away");
    }

    @Test
    void summaryShowsTheShareOfOracleForTheRunAndEachMinute() {
        // given two rankings in the first minute, one of them explored, and one in the second
        Tally tally = new Tally();
        tally.valued(Duration.ofSeconds(10), new RankingValue(0.9, 1.0), false);
        tally.valued(Duration.ofSeconds(20), new RankingValue(0.5, 1.0), true);
        tally.valued(Duration.ofSeconds(70), new RankingValue(1.0, 1.0), false);

        // when
        List<String> summary = ProgressLine.summary("world seed 1", tally.snapshot(), null, Duration.ofSeconds(80));

        // then
        assertThat(summary)
                .containsSubsequence(
                        "  CTR by arm      –",
                        "  % of oracle     80.0%, 95.0% without exploration (3 rankings, 33.3% explored)",
                        "    minute 1      70.0%, 90.0% without exploration (2 rankings, 50.0% explored)",
                        "    minute 2      100.0%, 100.0% without exploration (1 ranking, 0.0% explored)",
                        "  experiment      –");
    }
}
