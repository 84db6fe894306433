package io.autoloop.router.domain.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.ErrorReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshEvidenceTest {

    private static ErrorReport report(String version, long samples, long positives, double meanPrediction) {
        Instant end = Instant.parse("2026-01-01T00:01:00Z");
        return new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                version,
                end.minusSeconds(60),
                end,
                samples,
                positives,
                (double) positives / samples,
                meanPrediction,
                0.3,
                0.1,
                0.7,
                List.of());
    }

    @Test
    void theReportsOfTheWatchedVersionsArePooledBySamples() {
        RefreshEvidence evidence = RefreshEvidence.of(
                List.of(report("1.1.0", 1_000, 100, 0.10), report("1.2.0", 3_000, 150, 0.10)), 40, 1, null);

        assertThat(evidence.samples()).isEqualTo(4_000);
        assertThat(evidence.positives()).isEqualTo(250);
        assertThat(evidence.ctr()).isEqualTo(0.0625);
        assertThat(evidence.calibration()).isCloseTo(0.625, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(evidence.errorRate()).isEqualTo(0.025);
    }

    @Test
    void nothingSeenIsNotANumberRatherThanAPerfectScore() {
        RefreshEvidence nothing = RefreshEvidence.of(List.of(), 0, 0, null);

        assertThat(nothing.ctr()).isNaN();
        assertThat(nothing.calibration()).isNaN();
        assertThat(nothing.errorRate()).isNaN();
    }
}
