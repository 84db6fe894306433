package io.autoloop.router.service.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.ErrorReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerFeedTest {

    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void remembersTheReportsOfTheLastVersionsReportedOnly() {
        // given reports of ten more versions than the feed keeps, one version after the other
        AnalyzerFeed feed = new AnalyzerFeed();
        int versions = AnalyzerFeed.REPORTS_KEPT + 10;
        for (int i = 1; i <= versions; i++) {
            feed.accept(report("1." + i + ".0", T0.plusSeconds(i)));
        }

        // then the ten reported first are forgotten and the rest are held
        assertThat(feed.report("1.1.0")).isEmpty();
        assertThat(feed.report("1.10.0")).isEmpty();
        assertThat(feed.report("1.11.0")).isPresent();
        assertThat(feed.report("1." + versions + ".0")).isPresent();
    }

    @Test
    void keepsTheNewerWindowOfAVersion() {
        AnalyzerFeed feed = new AnalyzerFeed();

        feed.accept(report("1.1.0", T0.plusSeconds(10)));
        feed.accept(report("1.1.0", T0.plusSeconds(5)));

        assertThat(feed.report("1.1.0")).map(ErrorReport::windowEnd).contains(T0.plusSeconds(10));
    }

    private static ErrorReport report(String version, Instant end) {
        return new ErrorReport(
                ErrorReport.SCHEMA_VERSION,
                version,
                end.minusSeconds(5),
                end,
                100,
                5,
                0.05,
                0.05,
                0.2,
                0.05,
                0.5,
                List.of());
    }
}
