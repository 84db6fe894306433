package io.autoloop.router.domain.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureSprtTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MixtureSprt sprt = new MixtureSprt(0.05, 0.1);

    private static Segment segment(int buckets, long n0, long c, long n1, long a) {
        return new Segment(
                buckets,
                T0,
                new ArmCounts(n0, c),
                new ArmCounts(n1, a),
                new ArmCounts(n0, c),
                new ArmCounts(n1, a),
                List.of(),
                null);
    }

    @Test
    void oneSegmentGivesThePlainRateRatioAndItsVariance() {
        Evidence evidence =
                sprt.evaluate(List.of(segment(5_000, 10_000, 500, 10_000, 600))).orElseThrow();

        assertThat(evidence.lift()).isCloseTo(0.2, within(1e-12));
        assertThat(evidence.variance()).isCloseTo(1.0 / 600 - 1.0 / 10_000 + 1.0 / 500 - 1.0 / 10_000, within(1e-12));
        assertThat(evidence.championCtr()).isEqualTo(0.05);
        assertThat(evidence.challengerCtr()).isEqualTo(0.06);
    }

    @Test
    void theMixtureLikelihoodRatioMatchesItsClosedForm() {
        Evidence evidence =
                sprt.evaluate(List.of(segment(5_000, 10_000, 500, 10_000, 600))).orElseThrow();
        double v = evidence.variance();
        double theta = Math.log(1.2);
        double tau2 = 0.01;
        double lambda = Math.sqrt(v / (v + tau2)) * Math.exp(tau2 * theta * theta / (2 * v * (v + tau2)));

        assertThat(evidence.pValue()).isCloseTo(Math.min(1.0, 1.0 / lambda), within(1e-12));
    }

    @Test
    void theIntervalExcludesZeroExactlyWhenTheTestRejects() {
        for (long clicks = 500; clicks <= 700; clicks += 5) {
            Evidence evidence = sprt.evaluate(List.of(segment(5_000, 10_000, 500, 10_000, clicks)))
                    .orElseThrow();
            boolean excludesZero = evidence.liftLower() > 0.0 || evidence.liftUpper() < 0.0;

            assertThat(excludesZero).as("clicks %d", clicks).isEqualTo(evidence.significantAt(0.05));
            assertThat(evidence.lift()).isBetween(evidence.liftLower(), evidence.liftUpper());
        }
    }

    @Test
    void stratifyingBySegmentRemovesTheSimpsonBiasOfRampedTraffic() {
        // Given CTR doubles between two periods while the challenger's share grows, and no true difference.
        Segment early = segment(500, 95_000, 2_850, 5_000, 150);
        Segment late = segment(5_000, 50_000, 3_000, 50_000, 3_000);

        // When the evidence is stratified by segment.
        Evidence evidence = sprt.evaluate(List.of(early, late)).orElseThrow();

        // Then the lift is zero, although the pooled CTRs differ by over 40 %.
        assertThat(evidence.challengerCtr() / evidence.championCtr() - 1.0).isGreaterThan(0.3);
        assertThat(evidence.lift()).isCloseTo(0.0, within(1e-12));
        assertThat(evidence.significantAt(0.05)).isFalse();
    }

    @Test
    void noEvidenceWhileAnArmHasNoClick() {
        assertThat(sprt.evaluate(List.of(segment(500, 1_000, 50, 100, 0)))).isEmpty();
        assertThat(sprt.evaluate(List.of())).isEmpty();
    }

    @Test
    void rejectsLevelsOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new MixtureSprt(1.5, 0.1)).hasMessageContaining("significance level");
        assertThatThrownBy(() -> new MixtureSprt(0.05, 0.0)).hasMessageContaining("mixture standard deviation");
    }
}
