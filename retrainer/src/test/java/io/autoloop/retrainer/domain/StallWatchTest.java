package io.autoloop.retrainer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoloop.contracts.TrainerHealth.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StallWatchTest {

    private static final Instant T0 = Instant.parse("2026-02-01T12:00:00Z");
    private static final Duration STALL_AFTER = Duration.ofMinutes(3);
    private static final String P0 = "training.samples-0";
    private static final String P1 = "training.samples-1";

    private final StallWatch watch = new StallWatch(STALL_AFTER);

    @Test
    void trainingThatLearnsWhatArrivesIsHealthy() {
        // given a report every 10 s for 10 minutes, each with samples learned and records read
        for (int s = 0; s <= 600; s += 10) {
            watch.report(at(s), 100 + s, Map.of(P0, 100L + s), Map.of(P0, 5L));
        }

        // then
        StallWatch.Verdict verdict = watch.verdict(at(600));
        assertThat(verdict.state()).isEqualTo(State.HEALTHY);
        assertThat(verdict.detail()).isNull();
        assertThat(verdict.lastLearnedAt()).isEqualTo(at(600));
        assertThat(watch.secondsSinceLastLearned(at(612))).isEqualTo(12.0);
    }

    @Test
    void recordsReadButNotLearnedForTheStallTimeAreAStall() {
        // given records read at every report (all refused, say) and none learned from 10 s on
        watch.report(at(0), 500, Map.of(P0, 500L), Map.of());
        watch.report(at(10), 510, Map.of(P0, 510L), Map.of());
        for (int s = 20; s <= 190; s += 10) {
            watch.report(at(s), 510, Map.of(P0, 500L + s), Map.of(P0, 0L));
        }

        // then it is a stall 3 minutes after the first report that read without learning, and not before
        assertThat(watch.verdict(at(199)).state()).isEqualTo(State.HEALTHY);
        StallWatch.Verdict stalled = watch.verdict(at(200));
        assertThat(stalled.state()).isEqualTo(State.STALLED);
        assertThat(stalled.detail())
                .isEqualTo("No new sample has been learned for 180 s while records arrive (0 waiting); the last at "
                        + at(10) + ".");
    }

    @Test
    void aStallIsClearedByTheFirstReportThatLearnedANewSample() {
        // given a stall: records read for 3 minutes and none learned
        watch.report(at(0), 500, Map.of(P0, 500L), Map.of(P0, 0L));
        for (int s = 10; s <= 200; s += 10) {
            watch.report(at(s), 500, Map.of(P0, 500L + s), Map.of(P0, 4L));
        }
        assertThat(watch.verdict(at(200)).state()).isEqualTo(State.STALLED);

        // when a report has learned samples again
        watch.report(at(210), 520, Map.of(P0, 720L), Map.of(P0, 0L));

        // then the alert is cleared at once, and the last learned sample is that report's
        StallWatch.Verdict verdict = watch.verdict(at(211));
        assertThat(verdict.state()).isEqualTo(State.HEALTHY);
        assertThat(verdict.lastLearnedAt()).isEqualTo(at(210));
    }

    @Test
    void aBurstOfRecordsThatAreNotLearnedFollowedByQuietIsNoStall() {
        watch.report(at(0), 500, Map.of(P0, 500L), Map.of(P0, 0L));
        watch.report(at(10), 500, Map.of(P0, 530L), Map.of(P0, 0L));
        for (int s = 20; s <= 600; s += 10) {
            watch.report(at(s), 500, Map.of(P0, 530L), Map.of(P0, 0L));
        }

        assertThat(watch.verdict(at(600)).state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void onePartitionWithRecordsWaitingThatDoesNotMoveIsAStallWhileTheOthersLearn() {
        // given partition 0 learning at every report, and partition 1 stuck at offset 70 with 12 records waiting
        for (int s = 0; s <= 180; s += 10) {
            watch.report(at(s), 1000 + s, Map.of(P0, 1000L + s, P1, 70L), Map.of(P0, 0L, P1, 12L));
        }

        // then
        StallWatch.Verdict verdict = watch.verdict(at(180));
        assertThat(verdict.state()).isEqualTo(State.STALLED);
        assertThat(verdict.detail())
                .isEqualTo(
                        "Partition training.samples-1 has 12 records waiting but its offset has not moved for 180 s.");
        assertThat(verdict.lag()).isEqualTo(12);
    }

    @Test
    void learningAgainWhatWasLearnedBeforeARestartFromTheCheckpointIsNoProgress() {
        // given a loop that learns up to 900 samples, then starts over from a checkpoint at 600 again and again,
        // getting back to 900 each time while records wait
        watch.report(at(0), 900, Map.of(P0, 900L), Map.of(P0, 40L));
        for (int s = 10; s <= 200; s += 10) {
            watch.report(at(s), 600 + s % 300, Map.of(P0, 600L + s % 300), Map.of(P0, 40L));
        }

        // then it has not learned anything new since the first report
        StallWatch.Verdict verdict = watch.verdict(at(200));
        assertThat(verdict.state()).isEqualTo(State.STALLED);
        assertThat(verdict.lastLearnedAt()).isNull();
        assertThat(watch.secondsSinceLastLearned(at(200))).isNaN();
    }

    @Test
    void aFailureIsFailingUntilTheNextReportAndAFailingLoopThatLearnsNothingStalls() {
        watch.report(at(0), 500, Map.of(P0, 500L), Map.of(P0, 0L));

        watch.failed(at(5), "Redis did not answer.");
        StallWatch.Verdict failing = watch.verdict(at(6));
        watch.report(at(10), 500, Map.of(P0, 500L), Map.of(P0, 3L));
        StallWatch.Verdict afterReport = watch.verdict(at(11));
        for (int s = 15; s <= 200; s += 5) {
            watch.failed(at(s), "The same record again.");
        }

        assertThat(failing.state()).isEqualTo(State.FAILING);
        assertThat(failing.detail())
                .isEqualTo("The training loop failed and starts over from its last checkpoint: Redis did not answer.");
        assertThat(afterReport.state()).isEqualTo(State.HEALTHY);
        assertThat(watch.verdict(at(200)).state()).isEqualTo(State.FAILING);
    }

    @Test
    void aLoopThatStopsReportingIsStalled() {
        watch.report(at(0), 500, Map.of(P0, 500L), Map.of(P0, 0L));

        assertThat(watch.verdict(at(179)).state()).isEqualTo(State.HEALTHY);
        assertThat(watch.verdict(at(180)).detail()).isEqualTo("The training loop has not reported for 180 s.");
    }

    @Test
    void theFirstReportSetsTheMarksWithoutCountingAsLearned() {
        watch.report(at(0), 12_000, Map.of(P0, 12_000L), Map.of(P0, 0L));

        assertThat(watch.verdict(at(1)).lastLearnedAt()).isNull();
        assertThat(watch.secondsSinceLastLearned(at(1))).isNaN();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1})
    void theStallTimeMustBePositive(long seconds) {
        assertThatThrownBy(() -> new StallWatch(Duration.ofSeconds(seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retrainer.alert.stall-after");
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
