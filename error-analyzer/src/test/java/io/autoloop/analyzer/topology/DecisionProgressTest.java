package io.autoloop.analyzer.topology;

import static io.autoloop.analyzer.Fixtures.click;
import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.item;
import static io.autoloop.analyzer.Fixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.RejectedRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With two {@code serving.decisions} partitions, the decision clock of an attribution task is the least progress of
 * the two: feedback waits for its decision until every partition has come past the decision's deadline, however far
 * the other one has run ahead. The driver feeds partition 0; partition 1 speaks through its progress records.
 */
class DecisionProgressTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** Served at T0 with production windows, a decision is final (or given up on) at T0 + 35 min. */
    private static final Instant FINAL = T0.plus(Duration.ofMinutes(35));

    @TempDir
    Path stateDir;

    private AnalyzerDriver analyzer;

    @BeforeEach
    void startDriver() {
        analyzer = new AnalyzerDriver(AnalyzerSettings.defaults(), stateDir, T0.plus(Duration.ofDays(1)), 2);
    }

    @AfterEach
    void closeDriver() {
        analyzer.close();
    }

    @Test
    void feedbackWaitsForItsDecisionUntilTheSlowestPartitionHasComePastIt() {
        Decision neverServed = decision("ghost", "u1", T0, item("a", 1, 0.5));
        analyzer.feed(click("e1", neverServed, "a", T0));

        // Partition 0 runs an hour ahead; partition 1 has not reported at all.
        analyzer.advanceStreamTimeTo(FINAL.plus(Duration.ofHours(1)));
        assertThat(analyzer.rejected()).isEmpty();

        // Partition 1 comes to just before the deadline, then to it.
        analyzer.reportDecisionProgress(1, FINAL.minusMillis(1));
        assertThat(analyzer.rejected()).isEmpty();
        analyzer.reportDecisionProgress(1, FINAL);

        assertThat(analyzer.rejected()).extracting(RejectedRecord::reason).containsExactly("unknown-decision");
        assertThat(analyzer.unattributed(UnattributedReason.UNKNOWN_DECISION)).isEqualTo(1);
    }

    @Test
    void aDecisionFromAPartitionBehindTheOthersStillMeetsTheFeedbackThatWaitedForIt() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.5));
        analyzer.feed(click("e1", decision, "b", T0.plusSeconds(30)));

        // Partition 0 and the feedback run far ahead while partition 1 still holds the decision.
        analyzer.reportDecisionProgress(1, T0.minusSeconds(1));
        analyzer.advanceStreamTimeTo(FINAL.plus(Duration.ofHours(1)));
        assertThat(analyzer.rejected()).isEmpty();
        analyzer.decide(decision);

        // Its labels were final long ago, so it is labelled at once from the feedback that waited.
        assertThat(analyzer.sampleValues())
                .containsExactly(sample(decision, "a", 0, "no-feedback"), sample(decision, "b", 1, "click"));
        assertThat(analyzer.rejected()).isEmpty();
    }
}
