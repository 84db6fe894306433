package io.autoloop.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacingTest {

    private static final long MS = 1_000_000L;

    @Test
    void rateSpacesRequestsEvenly() {
        Pacing pacing = new Pacing(20, null);

        assertThat(pacing.next(null, 0)).isEqualTo(0);
        assertThat(pacing.next(null, 0)).isEqualTo(50 * MS);
        assertThat(pacing.next(null, 10 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void speedFollowsTheLogButNeverFasterThanTheRate() {
        Pacing pacing = new Pacing(10, 60.0); // one minute of log per second, at most 10 rows/s

        assertThat(pacing.next(Duration.ZERO, 0)).isEqualTo(0);
        assertThat(pacing.next(Duration.ofMinutes(2), 0))
                .as("two log minutes later")
                .isEqualTo(2_000 * MS);
        assertThat(pacing.next(Duration.ofMinutes(2).plusSeconds(1), 0))
                .as("one log second later, but the rate allows one row per 100 ms")
                .isEqualTo(2_100 * MS);
    }

    @Test
    void aRunThatFellBehindSlidesInsteadOfBursting() {
        Pacing pacing = new Pacing(100, null);
        pacing.next(null, 0);

        long due = pacing.next(null, 5_000 * MS); // the router was down for five seconds

        assertThat(due).isEqualTo((5_000 - Pacing.MAX_LAG_MILLIS) * MS);
        assertThat(pacing.next(null, 5_000 * MS)).isEqualTo(due + 10 * MS);
    }
}
