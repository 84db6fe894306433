package io.autoloop.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.simulator.run.OracleTally.Minute;
import io.autoloop.simulator.run.OracleTally.Sums;
import io.autoloop.simulator.world.RankingValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OracleTallyTest {

    @Test
    void sumsExpectedClicksPerMinuteAndForTheRunWithAndWithoutTheExploredRankings() {
        // given three rankings in the first minute (one explored) and one in the third
        OracleTally tally = new OracleTally();
        tally.add(Duration.ofSeconds(5), new RankingValue(1.0, 2.0), false);
        tally.add(Duration.ofSeconds(30), new RankingValue(0.5, 2.0), true);
        tally.add(Duration.ofSeconds(59), new RankingValue(1.5, 2.0), false);
        tally.add(Duration.ofSeconds(130), new RankingValue(3.0, 4.0), false);

        // when
        OracleTally.Snapshot snapshot = tally.snapshot();

        // then served over oracle is a ratio of sums, per minute that has rankings and for the run
        assertThat(snapshot.minutes())
                .containsExactly(
                        new Minute(0, new Sums(3, 3.0, 6.0), new Sums(2, 2.5, 4.0)),
                        new Minute(2, new Sums(1, 3.0, 4.0), new Sums(1, 3.0, 4.0)));
        assertThat(snapshot.all()).isEqualTo(new Sums(4, 6.0, 10.0));
        assertThat(snapshot.all().shareOfOracle()).isEqualTo(0.6);
        assertThat(snapshot.unexplored().shareOfOracle()).isEqualTo(5.5 / 8.0);
        assertThat(snapshot.exploredShare()).isEqualTo(0.25);
        assertThat(snapshot.minutes().get(0).exploredShare()).isEqualTo(1.0 / 3);
    }

    @Test
    void noRankingsHaveNoShareOfOracle() {
        OracleTally.Snapshot snapshot = new OracleTally().snapshot();

        assertThat(snapshot.minutes()).isEmpty();
        assertThat(snapshot.all().shareOfOracle()).isNaN();
        assertThat(snapshot.exploredShare()).isZero();
    }
}
