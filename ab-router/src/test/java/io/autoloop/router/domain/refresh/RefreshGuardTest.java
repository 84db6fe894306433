package io.autoloop.router.domain.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.refresh.RefreshVerdict.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RefreshGuardTest {

    private static final Instant SWAPPED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DURING = SWAPPED.plus(Duration.ofMinutes(5));
    private static final Instant AFTER = SWAPPED.plus(Duration.ofMinutes(10));

    /** A 10-minute window, 1,000 samples, at most -20 % CTR, calibration in [0.8, 1.25], 100 requests, 1 % errors. */
    private final RefreshGuard guard =
            new RefreshGuard(new RefreshLimits(Duration.ofMinutes(10), 1_000, 0.2, 0.8, 1.25, 100, 0.01));

    /** The champion refreshed from 1.0.0 (CTR 10 % over 5,000 samples) to 1.1.0. */
    private final RefreshWatch watch =
            RefreshWatch.start(Arm.CHAMPION, "lineage", "1.0.0", "1.1.0", SWAPPED, 0.10, 5_000, 1.0);

    /** A refresh as good as its predecessor: CTR 10 %, calibrated, no errors. */
    private static final RefreshEvidence GOOD = new RefreshEvidence(2_000, 200, 200.0, 500, 0, null);

    @Test
    void aGoodRefreshIsWatchedThroughItsWindowAndThenKept() {
        assertThat(guard.judge(watch, GOOD, DURING).outcome()).isEqualTo(Outcome.WATCH);

        RefreshVerdict verdict = guard.judge(watch, GOOD, AFTER);

        assertThat(verdict.outcome()).isEqualTo(Outcome.KEEP);
        assertThat(verdict.reason()).isEqualTo("The refresh to 1.1.0 passed its PT10M watch.");
        assertThat(verdict.numbers())
                .containsEntry("ctr", 0.10)
                .containsEntry("calibration", 1.0)
                .containsEntry("baselineCtr", 0.10)
                .containsEntry("errorRate", 0.0);
    }

    static Stream<Arguments> failingGuardrails() {
        return Stream.of(
                Arguments.of(
                        "verification",
                        new RefreshEvidence(0, 0, 0.0, 0, 0, "its checksum does not match."),
                        "The refresh 1.1.0 failed verification and never serves: its checksum does not match."),
                Arguments.of(
                        "error rate",
                        new RefreshEvidence(2_000, 200, 200.0, 500, 10, null),
                        "The champion arm failed 10 of 500 rankings since the refresh to 1.1.0 (0.0200 > 0.01)."),
                Arguments.of(
                        "calibration too low",
                        new RefreshEvidence(2_000, 200, 400.0, 500, 0, null),
                        "observed over predicted clicks 0.500 outside [0.8, 1.25] over 2000 samples."),
                Arguments.of(
                        "calibration too high",
                        new RefreshEvidence(2_000, 200, 100.0, 500, 0, null),
                        "observed over predicted clicks 2.000 outside [0.8, 1.25] over 2000 samples."),
                Arguments.of(
                        "CTR",
                        new RefreshEvidence(2_000, 100, 100.0, 500, 0, null),
                        "The refresh to 1.1.0 lowered the CTR from 0.1000 (1.0.0) to 0.0500 over 2000 samples, more"
                                + " than the 20 % allowed."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingGuardrails")
    void aFailingGuardrailRevertsTheRefreshWithinTheWindow(String guardrail, RefreshEvidence evidence, String reason) {
        RefreshVerdict verdict = guard.judge(watch, evidence, DURING);

        assertThat(verdict.outcome()).isEqualTo(Outcome.REVERT);
        assertThat(verdict.reason()).endsWith(reason);
        assertThat(verdict.numbers())
                .containsEntry("arm", "champion")
                .containsEntry("version", "1.1.0")
                .containsEntry("previous", "1.0.0");
    }

    static Stream<Arguments> tooLittleData() {
        return Stream.of(
                Arguments.of("99 requests with half of them failed", new RefreshEvidence(0, 0, 0.0, 99, 50, null)),
                Arguments.of(
                        "a collapsed calibration over 999 samples", new RefreshEvidence(999, 1, 500.0, 0, 0, null)),
                Arguments.of("a collapsed CTR over 999 samples", new RefreshEvidence(999, 10, 10.0, 0, 0, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooLittleData")
    void aGuardrailWithoutItsMinimumOfDataDecidesNothing(String what, RefreshEvidence evidence) {
        assertThat(guard.judge(watch, evidence, DURING).outcome()).isEqualTo(Outcome.WATCH);
        assertThat(guard.judge(watch, evidence, AFTER).outcome()).isEqualTo(Outcome.KEEP);
    }

    @Test
    void theCtrIsNotJudgedWithoutABaselineOfEnoughSamples() {
        RefreshEvidence collapsedCtr = new RefreshEvidence(2_000, 100, 100.0, 0, 0, null);
        RefreshWatch thinBaseline =
                RefreshWatch.start(Arm.CHAMPION, "lineage", "1.0.0", "1.1.0", SWAPPED, 0.10, 999, 1.0);
        RefreshWatch noBaseline = RefreshWatch.start(Arm.CHAMPION, "lineage", "1.0.0", "1.1.0", SWAPPED, null, 0, null);

        assertThat(guard.judge(thinBaseline, collapsedCtr, DURING).outcome()).isEqualTo(Outcome.WATCH);
        assertThat(guard.judge(noBaseline, collapsedCtr, DURING).outcome()).isEqualTo(Outcome.WATCH);
        assertThat(guard.judge(watch, collapsedCtr, DURING).outcome()).isEqualTo(Outcome.REVERT);
    }

    @Test
    void aDropOrAMiscalibrationWithinTheNoiseOfItsSamplesRevertsNothing() {
        // Given 1,200 samples: a CTR of 7.5 % against 10 % (a 25 % drop) and 1.33 times the predicted clicks, both
        // within
        // three standard errors of what the limits allow.
        RefreshEvidence noisyDrop = new RefreshEvidence(1_200, 90, 90.0, 500, 0, null);
        RefreshEvidence noisyCalibration = new RefreshEvidence(1_200, 120, 90.0, 500, 0, null);

        assertThat(guard.judge(watch, noisyDrop, DURING).outcome()).isEqualTo(Outcome.WATCH);
        assertThat(guard.judge(watch, noisyCalibration, DURING).outcome()).isEqualTo(Outcome.WATCH);
    }

    @Test
    void aMiscalibratedRefreshIsKeptWhenItsPredecessorWasCalibratedWorse() {
        // Given a young lineage whose predictions trail a rising CTR: the previous version saw 1.6 times the clicks
        // it predicted.
        RefreshWatch young = RefreshWatch.start(Arm.CHAMPION, "lineage", "1.0.0", "1.1.0", SWAPPED, 0.10, 5_000, 1.6);

        // When the refresh sees 1.33 times its predictions, it is still watched; at 1.8 times, it is reverted.
        RefreshEvidence better = new RefreshEvidence(2_000, 200, 150.0, 500, 0, null);
        RefreshEvidence worse = new RefreshEvidence(2_000, 200, 111.0, 500, 0, null);

        assertThat(guard.judge(young, better, DURING).outcome()).isEqualTo(Outcome.WATCH);
        assertThat(guard.judge(young, worse, DURING).outcome()).isEqualTo(Outcome.REVERT);
        assertThat(guard.judge(young, worse, DURING).numbers()).containsEntry("baselineCalibration", 1.6);
    }

    @Test
    void aFurtherRefreshJoinsTheWatchItsWindowAndItsWayBack() {
        RefreshWatch joined = watch.refreshedTo("1.2.0");

        assertThat(joined.current()).isEqualTo("1.2.0");
        assertThat(joined.versions()).containsExactly("1.1.0", "1.2.0");
        assertThat(guard.judge(joined, GOOD, AFTER).outcome()).isEqualTo(Outcome.KEEP);
        assertThat(guard.judge(joined, new RefreshEvidence(2_000, 200, 400.0, 0, 0, null), DURING)
                        .numbers())
                .containsEntry("version", "1.2.0")
                .containsEntry("previous", "1.0.0");
    }
}
