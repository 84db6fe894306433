package io.autoloop.router.domain.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.router.domain.rollout.Analysis;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Verdict;
import io.autoloop.router.domain.statistics.ArmCounts;
import io.autoloop.router.domain.statistics.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalysisPointTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    /** Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I, method 3 (Wilson). */
    @ParameterizedTest
    @CsvSource({"148, 15, 0.0624, 0.1605", "20, 0, 0.0, 0.1611", "100, 5, 0.0215, 0.1118"})
    void ctrIntervalIsWilsonsScoreInterval(long impressions, long clicks, double lower, double upper) {
        AnalysisPoint.ArmPoint point = AnalysisPoint.ArmPoint.of(new ArmCounts(impressions, clicks));

        assertThat(point.ctr()).isEqualTo((double) clicks / impressions);
        assertThat(point.ctrLower()).isCloseTo(lower, within(5e-5));
        assertThat(point.ctrUpper()).isCloseTo(upper, within(5e-5));
    }

    /** commons-math3 3.6.1 computes {@code 2 * numberOfTrials} in an {@code int}: only up to 2^30 trials. */
    @ParameterizedTest
    @CsvSource({"1, 0", "1, 1", "148, 15", "20, 0", "20, 20", "1000, 65", "95000, 4750", "1000000000, 50000000"})
    void ctrIntervalAgreesWithCommonsMathsWilsonScoreInterval(int impressions, int clicks) {
        ConfidenceInterval expected = new WilsonScoreInterval().createInterval(impressions, clicks, 0.95);

        AnalysisPoint.ArmPoint point = AnalysisPoint.ArmPoint.of(new ArmCounts(impressions, clicks));

        assertThat(point.ctrLower()).isCloseTo(Math.max(0.0, expected.getLowerBound()), within(1e-12));
        assertThat(point.ctrUpper()).isCloseTo(Math.min(1.0, expected.getUpperBound()), within(1e-12));
    }

    @Test
    void anArmBeyondTwoBillionImpressionsStillHasAnInterval() {
        AnalysisPoint.ArmPoint point = AnalysisPoint.ArmPoint.of(new ArmCounts(5_000_000_000L, 250_000_000L));

        assertThat(point.ctr()).isEqualTo(0.05);
        assertThat(point.ctrLower()).isCloseTo(0.05, within(1e-5)).isLessThan(0.05);
        assertThat(point.ctrUpper()).isCloseTo(0.05, within(1e-5)).isGreaterThan(0.05);
    }

    @Test
    void anArmWithoutImpressionsHasTheWholeUnitInterval() {
        assertThat(AnalysisPoint.ArmPoint.of(ArmCounts.ZERO))
                .isEqualTo(new AnalysisPoint.ArmPoint(0, 0, 0.0, 0.0, 1.0));
    }

    @Test
    void aPointCarriesTheAnalysisNumbersAtTheWeightItWasMadeAt() {
        // Given an analysis with evidence, made at 5 %
        Evidence evidence = new Evidence(0.05, 0.065, 0.3, 0.1, 0.5, 0.01, 0.004);
        Analysis analysis = new Analysis(
                T0.plus(Duration.ofMinutes(1)),
                new ArmCounts(19_000, 950),
                new ArmCounts(1_000, 65),
                new ArmCounts(19_000, 950),
                new ArmCounts(1_000, 65),
                evidence,
                0.003,
                0.62,
                List.of(),
                Verdict.ADVANCE,
                "better",
                null,
                null,
                Analysis.SAFETY);

        // When it becomes a point
        AnalysisPoint point = AnalysisPoint.of(analysis, Phase.PROGRESSING, 5.0);

        // Then the point has the weight and numbers of that analysis
        assertThat(point)
                .isEqualTo(new AnalysisPoint(
                        analysis.at(),
                        Phase.PROGRESSING,
                        5.0,
                        AnalysisPoint.ArmPoint.of(new ArmCounts(19_000, 950)),
                        AnalysisPoint.ArmPoint.of(new ArmCounts(1_000, 65)),
                        0.3,
                        0.1,
                        0.5,
                        0.004,
                        0.003,
                        0.62,
                        Verdict.ADVANCE,
                        null));
    }

    @Test
    void aPointBeforeAnyEvidenceHasNoLift() {
        Analysis analysis = new Analysis(
                T0,
                new ArmCounts(100, 0),
                new ArmCounts(5, 0),
                new ArmCounts(100, 0),
                new ArmCounts(5, 0),
                null,
                null,
                null,
                List.of(),
                Verdict.HOLD,
                "Waiting for clicks on both arms.",
                null,
                null,
                Analysis.SAFETY);

        AnalysisPoint point = AnalysisPoint.of(analysis, Phase.PROGRESSING, 5.0);

        assertThat(List.of(point.lift() == null, point.liftLower() == null, point.pValue() == null))
                .containsOnly(true);
        assertThat(point.champion().impressions()).isEqualTo(100);
    }
}
