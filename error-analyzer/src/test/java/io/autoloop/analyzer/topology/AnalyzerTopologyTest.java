package io.autoloop.analyzer.topology;

import static io.autoloop.analyzer.Fixtures.click;
import static io.autoloop.analyzer.Fixtures.decision;
import static io.autoloop.analyzer.Fixtures.feedback;
import static io.autoloop.analyzer.Fixtures.impression;
import static io.autoloop.analyzer.Fixtures.item;
import static io.autoloop.analyzer.Fixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.analyzer.config.AnalyzerSettings;
import io.autoloop.analyzer.domain.UnattributedReason;
import io.autoloop.contracts.Arm;
import io.autoloop.contracts.ArmStats;
import io.autoloop.contracts.CalibrationBucket;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.ErrorReport;
import io.autoloop.contracts.EventType;
import io.autoloop.contracts.FeedbackEvent;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.json.ContractJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyzer topology with production windows (30 min attribution window, 5 min grace, 1 min report and arm-stats
 * windows) in a {@link org.apache.kafka.streams.TopologyTestDriver}.
 */
class AnalyzerTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    /** Served at T0, a decision's labels become final at T0 + 35 min and it is forgotten at T0 + 70 min. */
    private static final Instant FINAL = T0.plus(Duration.ofMinutes(35));
    /** The driver's wall clock: a day after T0, so that no test event counts as stamped in the future. */
    private static final Instant WALL_CLOCK = T0.plus(Duration.ofDays(1));

    @TempDir
    Path stateDir;

    private AnalyzerDriver analyzer;

    @BeforeEach
    void startDriver() {
        analyzer = new AnalyzerDriver(AnalyzerSettings.defaults(), stateDir, WALL_CLOCK);
    }

    @AfterEach
    void closeDriver() {
        analyzer.close();
    }

    @Test
    void eachServedItemYieldsOneSampleOnlyWhenItsWindowCloses() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.10), item("b", 2, 0.30), item("c", 3, 0.20));

        // Served, clicked, shown: nothing is emitted while the window and grace run.
        analyzer.decide(decision);
        analyzer.feed(
                impression("e1", decision, "b", at(1)),
                click("e2", decision, "b", at(2)),
                impression("e3", decision, "c", at(3)));
        analyzer.advanceStreamTimeTo(FINAL.minusMillis(1));
        assertThat(analyzer.samples()).isEmpty();

        // Stream time reaches servedAt + window + grace: one sample per item, keyed by the user.
        analyzer.advanceStreamTimeTo(FINAL);
        assertThat(analyzer.samples())
                .containsExactly(
                        KeyValue.pair("u1", sample(decision, "a", 0, "no-feedback")),
                        KeyValue.pair("u1", sample(decision, "b", 1, "click")),
                        KeyValue.pair("u1", sample(decision, "c", 0, "no-positive")));
    }

    static Stream<Arguments> signals() {
        return Stream.of(
                Arguments.of(EventType.CLICK, null, 1, "click"),
                Arguments.of(EventType.CONVERSION, 12.5, 1, "conversion"),
                Arguments.of(EventType.RATING, 5.0, 1, "rating-positive"),
                Arguments.of(EventType.RATING, 4.0, 1, "rating-positive"),
                Arguments.of(EventType.RATING, 3.0, 0, "no-positive"),
                Arguments.of(EventType.RATING, 2.0, 0, "rating-negative"),
                Arguments.of(EventType.RATING, 1.0, 0, "rating-negative"),
                Arguments.of(EventType.DWELL, 0.95, 1, "dwell-complete"),
                Arguments.of(EventType.DWELL, 0.9, 1, "dwell-complete"),
                Arguments.of(EventType.DWELL, 0.89, 0, "no-positive"),
                Arguments.of(EventType.IMPRESSION, null, 0, "no-positive"));
    }

    @ParameterizedTest(name = "{0} {1} → {2} ({3})")
    @MethodSource("signals")
    void eachLabellingRule(EventType type, Double value, int label, String reason) {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        analyzer.decide(decision);
        analyzer.feed(feedback("e1", type, decision, "a", at(5), value));
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.samples()).containsExactly(KeyValue.pair("u1", sample(decision, "a", label, reason)));
    }

    @Test
    void severalSignalsCombineByPriorityWhateverTheirOrder() {
        Decision decision =
                decision("d1", "u1", T0, item("a", 1, 0.1), item("b", 2, 0.2), item("c", 3, 0.3), item("d", 4, 0.4));

        analyzer.decide(decision);
        analyzer.feed(
                // a: a bad rating, then a click: any positive wins.
                feedback("e1", EventType.RATING, decision, "a", at(1), 1.0),
                click("e2", decision, "a", at(2)),
                // b: a click, then a conversion: the conversion has the higher priority and names the reason.
                click("e3", decision, "b", at(3)),
                feedback("e4", EventType.CONVERSION, decision, "b", at(4), 20.0),
                // c: only a bad rating, besides an impression: 0 for the explicit negative.
                impression("e5", decision, "c", at(1)),
                feedback("e6", EventType.RATING, decision, "c", at(6), 2.0),
                // d: a rating of 3 and a short dwell match no rule.
                feedback("e7", EventType.RATING, decision, "d", at(7), 3.0),
                feedback("e8", EventType.DWELL, decision, "d", at(8), 0.2));
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.sampleValues())
                .containsExactly(
                        sample(decision, "a", 1, "click"),
                        sample(decision, "b", 1, "conversion"),
                        sample(decision, "c", 0, "rating-negative"),
                        sample(decision, "d", 0, "no-positive"));
    }

    @Test
    void duplicatedFeedbackAndDecisionsChangeNothing() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.5));
        FeedbackEvent clickOnA = click("e1", decision, "a", at(1));

        analyzer.decide(decision, decision);
        analyzer.feed(clickOnA, clickOnA, impression("e2", decision, "b", at(2)), clickOnA);
        analyzer.advanceStreamTimeTo(FINAL);
        // The decision once more after its labels were emitted: still remembered, so not labelled again.
        analyzer.decide(decision);
        analyzer.advanceStreamTimeTo(FINAL.plus(Duration.ofMinutes(20)));

        assertThat(analyzer.sampleValues())
                .containsExactly(sample(decision, "a", 1, "click"), sample(decision, "b", 0, "no-positive"));
        assertThat(analyzer.unattributed(UnattributedReason.DUPLICATE)).isEqualTo(2);
        assertThat(analyzer.counter(AnalyzerMetrics.DECISIONS_IGNORED, "reason", "duplicate"))
                .isEqualTo(2.0);
        assertThat(analyzer.rejected()).isEmpty();
    }

    @Test
    void aRepeatedEventIsDroppedAndCountedPerAppWhateverDecisionItNames() {
        // Given: a click and a click without decisionId, each published twice by the collector (a retried request:
        // the copies' skew-corrected time moves on by the retry's delay), the copies 29 min after the first ones
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));
        FeedbackEvent click = click("e1", decision, "a", at(1));
        FeedbackEvent withoutDecision = feedback("e2", EventType.CLICK, "u1", null, "a", at(1), null, true);

        // When
        analyzer.decide(decision);
        analyzer.feed(click, withoutDecision);
        analyzer.advanceStreamTimeTo(at(30));
        analyzer.feed(retried(click, Duration.ofSeconds(5)), retried(withoutDecision, Duration.ofSeconds(5)));
        analyzer.advanceStreamTimeTo(FINAL);

        // Then: one sample, one dead letter, and both copies counted as duplicates of app demo
        assertThat(analyzer.sampleValues()).containsExactly(sample(decision, "a", 1, "click"));
        assertThat(analyzer.rejected()).extracting(RejectedRecord::reason).containsExactly("no-decision-id");
        assertThat(analyzer.unattributed(UnattributedReason.DUPLICATE)).isEqualTo(2);
        assertThat(analyzer.counter(AnalyzerMetrics.DUPLICATES, "app", "demo")).isEqualTo(2.0);
    }

    static Stream<Arguments> repeatsAroundTheRetention() {
        Duration retention = AnalyzerSettings.defaults().attribution().eventIdRetention();
        return Stream.of(
                Arguments.of(retention.minusMillis(1), UnattributedReason.DUPLICATE),
                Arguments.of(retention, UnattributedReason.LATE));
    }

    @ParameterizedTest(name = "feedback clock {0} after the first copy: {1}")
    @MethodSource("repeatsAroundTheRetention")
    void aRepeatAfterTheRetentionIsLateAndNotTrainedOn(Duration sinceFirstCopy, UnattributedReason verdict) {
        // Given: a click taken when the feedback clock is at T0 + 1 min; its decision's labels are final at T0 + 35 min
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.5));
        FeedbackEvent click = click("e1", decision, "a", at(1));
        analyzer.decide(decision);
        analyzer.feed(click);

        // When: the feedback clock moves on, and the same click comes again
        analyzer.advanceStreamTimeTo(at(1).plus(sinceFirstCopy));
        analyzer.feed(click);

        // Then: trained once; within the retention the copy is a duplicate, after it the store has forgotten the
        // click and its decision refuses it as late
        assertThat(analyzer.sampleValues())
                .containsExactly(sample(decision, "a", 1, "click"), sample(decision, "b", 0, "no-feedback"));
        assertThat(analyzer.unattributed(verdict)).isEqualTo(1);
        assertThat(analyzer.unattributed(UnattributedReason.DUPLICATE) + analyzer.unattributed(UnattributedReason.LATE))
                .isEqualTo(1);
    }

    @Test
    void feedbackAfterTheWindowIsCountedLateAndNotTrainedOn() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.5));
        FeedbackEvent afterWindow = click("e1", decision, "a", at(31));
        FeedbackEvent afterFinal = click("e2", decision, "b", at(20));

        // A click 31 min after serving arrives within the grace, but outside the 30 min window.
        analyzer.decide(decision);
        analyzer.feed(afterWindow);
        analyzer.advanceStreamTimeTo(FINAL);
        // A click stamped inside the window arrives after the labels became final.
        analyzer.feed(afterFinal);

        assertThat(analyzer.sampleValues())
                .containsExactly(sample(decision, "a", 0, "no-feedback"), sample(decision, "b", 0, "no-feedback"));
        assertThat(analyzer.rejected())
                .extracting(
                        RejectedRecord::reason,
                        RejectedRecord::source,
                        rejected -> rejected.errors().get(0).field())
                .containsExactly(
                        Tuple.tuple("late", "error-analyzer", "eventTime"),
                        Tuple.tuple("late", "error-analyzer", "eventTime"));
        assertThat(analyzer.unattributed(UnattributedReason.LATE)).isEqualTo(2);
    }

    @Test
    void aRecordReachingADecisionPastItsDeadlineClosesItFirst() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        // No punctuation ran between the decision and a click arriving exactly at the deadline: still late.
        analyzer.decide(decision);
        analyzer.feed(click("e1", decision, "a", FINAL));

        assertThat(analyzer.sampleValues()).containsExactly(sample(decision, "a", 0, "no-feedback"));
        assertThat(analyzer.unattributed(UnattributedReason.LATE)).isEqualTo(1);
    }

    @Test
    void feedbackArrivingBeforeItsDecisionIsAttributed() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.5));

        // The click is stamped after serving but reaches the analyzer first.
        analyzer.feed(click("e1", decision, "b", at(1)));
        analyzer.advanceStreamTimeTo(at(4));
        assertThat(analyzer.counter(AnalyzerMetrics.ATTRIBUTED, "type", "click"))
                .isZero();
        analyzer.decide(decision);
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.sampleValues())
                .containsExactly(sample(decision, "a", 0, "no-feedback"), sample(decision, "b", 1, "click"));
        assertThat(analyzer.rejected()).isEmpty();
        assertThat(analyzer.counter(AnalyzerMetrics.ATTRIBUTED, "type", "click"))
                .isEqualTo(1.0);
    }

    @Test
    void feedbackForADecisionThatNeverArrivesIsRejectedOnceItStopsWaiting() {
        Decision neverServed = decision("ghost", "u1", T0, item("a", 1, 0.5));

        analyzer.feed(click("e1", neverServed, "a", T0));
        analyzer.advanceStreamTimeTo(FINAL.minusMillis(1));
        assertThat(analyzer.rejected()).isEmpty();
        analyzer.advanceStreamTimeTo(FINAL);

        List<RejectedRecord> rejected = analyzer.rejected();
        assertThat(rejected).extracting(RejectedRecord::reason).containsExactly("unknown-decision");
        assertThat(rejected.get(0).payload()).contains("\"eventId\":\"e1\"");
        assertThat(rejected.get(0).appId()).isEqualTo("demo");
        assertThat(analyzer.samples()).isEmpty();
        // Counted once, as what became of it: never as attributed while it waited.
        assertThat(analyzer.unattributed(UnattributedReason.UNKNOWN_DECISION)).isEqualTo(1);
        assertThat(analyzer.counter(AnalyzerMetrics.ATTRIBUTED, "type", "click"))
                .isZero();
    }

    @Test
    void feedbackWithoutDecisionIdIsRejectedAtOnce() {
        analyzer.feed(feedback("e1", EventType.CLICK, "u1", null, "a", T0, null, true));

        assertThat(analyzer.rejected())
                .extracting(
                        RejectedRecord::reason,
                        rejected -> rejected.errors().get(0).field())
                .containsExactly(Tuple.tuple("no-decision-id", "decisionId"));
        assertThat(analyzer.unattributed(UnattributedReason.NO_DECISION_ID)).isEqualTo(1);
    }

    @Test
    void feedbackAboutAnotherItemOrFromAnotherUserIsRejected() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        analyzer.decide(decision);
        analyzer.feed(
                click("e1", decision, "not-served", at(1)),
                feedback("e2", EventType.CLICK, "someone-else", "d1", "a", at(2), null, true));
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.rejected())
                .extracting(RejectedRecord::reason)
                .containsExactly("unknown-item", "user-mismatch");
        assertThat(analyzer.sampleValues()).containsExactly(sample(decision, "a", 0, "no-feedback"));
    }

    @Test
    void withoutConsentNoItemOfTheDecisionBecomesASample() {
        Decision withdrawn = decision("d1", "u1", T0, item("a", 1, 0.5), item("b", 2, 0.5));
        Decision withdrawnEarly = decision("d2", "u2", T0, item("a", 1, 0.5));
        Decision consented = decision("d3", "u3", T0, item("a", 1, 0.5));

        analyzer.decide(withdrawn);
        analyzer.feed(
                click("e1", withdrawn, "a", at(1)),
                feedback("e2", EventType.IMPRESSION, "u1", "d1", "b", at(2), null, false),
                // Consent withdrawn before the decision reached the analyzer.
                feedback("e3", EventType.CLICK, "u2", "d2", "a", at(0), null, false));
        analyzer.decide(withdrawnEarly, consented);
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.sampleValues()).containsExactly(sample(consented, "a", 0, "no-feedback"));
        assertThat(analyzer.unattributed(UnattributedReason.NO_CONSENT)).isEqualTo(2);
        assertThat(analyzer.counter(AnalyzerMetrics.SUPPRESSED, "reason", "no-consent"))
                .isEqualTo(3.0);
        assertThat(analyzer.rejected()).isEmpty();
    }

    @Test
    void unreadableInputIsDeadLetteredAndTheStreamGoesOn() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        analyzer.pipeRawFeedback("u1", "{\"type\":\"click\"", T0);
        analyzer.pipeRawDecision("d0", "{\"decisionId\":\"d0\"}", T0);
        analyzer.decide(decision);
        analyzer.decide(decision("d2", "u2", T0, item("a", 1, 0.5)));
        analyzer.feed(click("e1", decision, "a", at(1)));
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.rejected())
                .extracting(RejectedRecord::reason)
                .containsExactlyInAnyOrder("unreadable", "decision-unreadable");
        assertThat(analyzer.sampleValues())
                .containsExactly(
                        sample(decision, "a", 1, "click"),
                        sample(decision("d2", "u2", T0, item("a", 1, 0.5)), "a", 0, "no-feedback"));
    }

    @Test
    void aDecisionMeetsItsFeedbackWhateverItsRecordKey() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        analyzer.pipeRawDecision(
                "not-the-decision-id", new String(ContractJson.write(decision), StandardCharsets.UTF_8), T0);
        analyzer.feed(click("e1", decision, "a", at(1)));
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.sampleValues()).containsExactly(sample(decision, "a", 1, "click"));
        assertThat(analyzer.rejected()).isEmpty();
    }

    @Test
    void aDecisionArrivingAfterItsWindowIsLabelledAtOnceAndOneTooOldToTellFromARepeatIsIgnored() {
        Decision late = decision("late", "u1", T0, item("a", 1, 0.5));
        Decision tooOld = decision("old", "u2", T0.minus(Duration.ofMinutes(40)), item("a", 1, 0.5));

        // The click waits for its decision until its own time + window + grace (T0 + 37 min).
        analyzer.feed(click("e1", late, "a", at(2)));
        analyzer.advanceStreamTimeTo(FINAL.plus(Duration.ofMinutes(1)));
        analyzer.decide(late, tooOld);

        assertThat(analyzer.sampleValues()).containsExactly(sample(late, "a", 1, "click"));
        assertThat(analyzer.counter(AnalyzerMetrics.DECISIONS_LATE)).isEqualTo(1.0);
        assertThat(analyzer.counter(AnalyzerMetrics.DECISIONS_IGNORED, "reason", "expired"))
                .isEqualTo(1.0);
    }

    @Test
    void errorReportsPerModelVersionAndWindow() {
        // Window [T0, T0 + 1 min) of v1: predictions 0.2 (0), 0.4 (1), 0.7 (0), 0.9 (1) in two decisions.
        Decision first = decision("d1", "u1", T0, item("a", 1, 0.2), item("b", 2, 0.4));
        Decision second = decision("d2", "u2", T0.plusSeconds(30), item("c", 1, 0.7), item("d", 2, 0.9));
        // v2 in the next window; and a decision without a model, whose scores are not probabilities.
        Decision nextWindow = decision("d3", "u3", T0.plusSeconds(60), null, Arm.CHAMPION, "v2", item("e", 1, 0.25));
        Decision noModel = decision("d4", "u4", T0, null, Arm.CHAMPION, null, item("f", 1, 17.0));

        analyzer.decide(first, second, nextWindow, noModel);
        analyzer.feed(
                click("e1", first, "b", at(1)),
                click("e2", second, "d", at(2)),
                click("e3", nextWindow, "e", at(3)),
                click("e4", noModel, "f", at(4)));
        analyzer.advanceStreamTimeTo(FINAL.plus(Duration.ofMinutes(2)));

        Map<String, ErrorReport> latest = latestByModelAndWindow(analyzer.reports());
        assertThat(latest).containsOnlyKeys("v1@" + T0, "v2@" + T0.plusSeconds(60));
        ErrorReport v1 = latest.get("v1@" + T0);
        assertThat(v1.windowEnd()).isEqualTo(T0.plusSeconds(60));
        assertThat(v1.samples()).isEqualTo(4);
        assertThat(v1.positives()).isEqualTo(2);
        assertThat(v1.observedCtr()).isEqualTo(0.5);
        assertThat(v1.meanPrediction()).isCloseTo(0.55, within(1e-12));
        assertThat(v1.logLoss())
                .isCloseTo(-(Math.log(0.8) + Math.log(0.4) + Math.log(0.3) + Math.log(0.9)) / 4, within(1e-12));
        assertThat(v1.brier()).isCloseTo((0.04 + 0.36 + 0.49 + 0.01) / 4, within(1e-12));
        // Positive–negative pairs ranked right: (0.4, 0.2), (0.9, 0.2), (0.9, 0.7); wrong: (0.4, 0.7).
        assertThat(v1.auc()).isEqualTo(0.75);
        assertThat(v1.calibration())
                .extracting(CalibrationBucket::samples, CalibrationBucket::positives)
                .containsExactly(
                        tuple(0, 0),
                        tuple(0, 0),
                        tuple(1, 0),
                        tuple(0, 0),
                        tuple(1, 1),
                        tuple(0, 0),
                        tuple(0, 0),
                        tuple(1, 0),
                        tuple(0, 0),
                        tuple(1, 1));
        ErrorReport v2 = latest.get("v2@" + T0.plusSeconds(60));
        assertThat(v2.samples()).isEqualTo(1);
        assertThat(v2.auc()).isNaN();
        assertThat(analyzer.counter(AnalyzerMetrics.REPORT_SKIPPED, "reason", "score-not-a-probability"))
                .isZero();
    }

    @Test
    void armStatsPerExperimentArmAndWindowWithCumulativeCounts() {
        Decision champion = decision(
                "d1", "u1", T0, "exp-1", Arm.CHAMPION, "v1", item("a", 1, 0.1), item("b", 2, 0.1), item("c", 3, 0.1));
        Decision challenger = decision("d2", "u2", T0, "exp-1", Arm.CHALLENGER, "v2", item("a", 1, 0.1));
        Decision challengerNextWindow = decision(
                "d3", "u3", T0.plusSeconds(60), "exp-1", Arm.CHALLENGER, "v2", item("a", 1, 0.1), item("b", 2, 0.1));
        Decision noExperiment = decision("d4", "u4", T0, item("a", 1, 0.1));

        analyzer.decide(champion, challenger, noExperiment);
        analyzer.feed(
                click("e1", champion, "b", at(1)),
                click("e2", challenger, "a", at(1)),
                click("e3", noExperiment, "a", at(1)));
        analyzer.advanceStreamTimeTo(FINAL);
        analyzer.decide(challengerNextWindow);
        analyzer.feed(click("e4", challengerNextWindow, "b", at(3)));
        analyzer.advanceStreamTimeTo(FINAL.plusSeconds(60));

        Instant w0 = T0;
        Instant w1 = T0.plusSeconds(60);
        Instant w2 = T0.plusSeconds(120);
        assertThat(analyzer.armStats())
                .containsExactly(
                        KeyValue.pair("exp-1", armStats(Arm.CHAMPION, "v1", 3, 1, 3, 1, w0, w1)),
                        KeyValue.pair("exp-1", armStats(Arm.CHALLENGER, "v2", 1, 1, 1, 1, w0, w1)),
                        KeyValue.pair("exp-1", armStats(Arm.CHALLENGER, "v2", 2, 1, 3, 2, w1, w2)));
    }

    @Test
    void labelledSamplesAreCountedPerArmAndLabel() {
        // Given: three champion items with one click, one challenger item with a click
        Decision champion = decision(
                "d1", "u1", T0, "exp-1", Arm.CHAMPION, "v1", item("a", 1, 0.1), item("b", 2, 0.1), item("c", 3, 0.1));
        Decision challenger = decision("d2", "u2", T0, "exp-1", Arm.CHALLENGER, "v2", item("a", 1, 0.1));

        // When their labels are final
        analyzer.decide(champion, challenger);
        analyzer.feed(click("e1", champion, "b", at(1)), click("e2", challenger, "a", at(1)));
        analyzer.advanceStreamTimeTo(FINAL);

        // Then autoloop.samples.emitted counts them by arm and label: the CTR per arm on the dashboard
        assertThat(List.of(
                        analyzer.counter(AnalyzerMetrics.SAMPLES, "arm", "champion", "label", "1"),
                        analyzer.counter(AnalyzerMetrics.SAMPLES, "arm", "champion", "label", "0"),
                        analyzer.counter(AnalyzerMetrics.SAMPLES, "arm", "challenger", "label", "1"),
                        analyzer.counter(AnalyzerMetrics.SAMPLES, "arm", "challenger", "label", "0")))
                .containsExactly(1.0, 2.0, 1.0, 0.0);
    }

    @Test
    void anEventStampedInTheFutureMovesTheClockOnlyToTheWallClockPlusTheGrace() {
        analyzer.close();
        analyzer = new AnalyzerDriver(AnalyzerSettings.defaults(), stateDir, T0);
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));
        Decision other = decision("d2", "u2", T0, item("a", 1, 0.5));

        // The wall clock reads T0: a click stamped a day ahead is late for d2, but it closes no window on its way.
        analyzer.decide(decision, other);
        analyzer.feed(click("e1", other, "a", T0.plus(Duration.ofDays(1))));
        analyzer.feed(click("e2", decision, "a", at(1)));
        analyzer.advanceWallClock(Duration.ofSeconds(2));
        assertThat(analyzer.samples()).isEmpty();
        // Time passes for real; the windows close as usual.
        analyzer.advanceWallClock(Duration.ofMinutes(40));
        analyzer.advanceStreamTimeTo(FINAL);

        assertThat(analyzer.sampleValues())
                .containsExactly(sample(decision, "a", 1, "click"), sample(other, "a", 0, "no-feedback"));
    }

    @Test
    void withoutIdleClosingWindowsWaitForStreamTime() {
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        analyzer.decide(decision);
        analyzer.advanceWallClock(Duration.ofHours(2));

        assertThat(analyzer.samples()).isEmpty();
    }

    @Test
    void withIdleClosingStreamTimeOfAnIdleTaskRunsOnWithTheWallClock() {
        analyzer.close();
        analyzer = new AnalyzerDriver(
                AnalyzerSettings.defaults().withIdleClose(Duration.ofSeconds(1), Optional.of(Duration.ofSeconds(10))),
                stateDir,
                WALL_CLOCK);
        Decision decision = decision("d1", "u1", T0, item("a", 1, 0.5));

        // Stream time stops at T0 + 1 min; idle, it runs on at wall-clock speed: the labels are final 34 min later.
        analyzer.decide(decision);
        analyzer.feed(click("e1", decision, "a", at(1)));
        analyzer.advanceWallClock(Duration.ofMinutes(34).minusSeconds(1));
        assertThat(analyzer.samples()).isEmpty();
        analyzer.advanceWallClock(Duration.ofSeconds(2));

        assertThat(analyzer.sampleValues()).containsExactly(sample(decision, "a", 1, "click"));
    }

    private static ArmStats armStats(
            Arm arm,
            String modelVersion,
            long impressions,
            long clicks,
            long cumulativeImpressions,
            long cumulativeClicks,
            Instant start,
            Instant end) {
        return new ArmStats(
                ArmStats.SCHEMA_VERSION,
                "exp-1",
                arm,
                modelVersion,
                impressions,
                clicks,
                cumulativeImpressions,
                cumulativeClicks,
                start,
                end);
    }

    private static Map<String, ErrorReport> latestByModelAndWindow(List<KeyValue<String, ErrorReport>> reports) {
        Map<String, ErrorReport> latest = new LinkedHashMap<>();
        for (KeyValue<String, ErrorReport> report : reports) {
            assertThat(report.key).isEqualTo(report.value.modelVersion());
            latest.put(report.key + "@" + report.value.windowStart(), report.value);
        }
        return latest;
    }

    private static Tuple tuple(long samples, long positives) {
        return Tuple.tuple(samples, positives);
    }

    /** The copy of {@code event} that a request retried {@code later} publishes: its times moved on by the delay. */
    private static FeedbackEvent retried(FeedbackEvent event, Duration later) {
        return new FeedbackEvent(
                event.schemaVersion(),
                event.eventId(),
                event.type(),
                event.userId(),
                event.itemId(),
                event.decisionId(),
                event.timestamp(),
                event.sentAt(),
                event.value(),
                event.context(),
                event.consent(),
                event.appId(),
                event.receivedAt().plus(later),
                event.eventTime().plus(later));
    }

    private static Instant at(int minutesAfterT0) {
        return T0.plus(Duration.ofMinutes(minutesAfterT0));
    }
}
