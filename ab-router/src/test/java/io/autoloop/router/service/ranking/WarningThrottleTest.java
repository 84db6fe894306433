package io.autoloop.router.service.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WarningThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    private final WarningThrottle throttle = new WarningThrottle(Duration.ofMinutes(1));

    @Test
    void eachReasonIsLoggedOncePerIntervalWithTheCountItStandsFor() {
        // given failures of two reasons, every second for two and a half minutes
        List<String> lines = new ArrayList<>();
        for (long second = 0; second < 150; second++) {
            for (String reason : List.of("timeout", "too-large")) {
                // when each asks to be logged
                OptionalLong heldBack = throttle.admit(reason, second * SECOND);
                heldBack.ifPresent(count -> lines.add(reason + " " + count));
            }
        }

        // then each reason was logged at 0, 60 and 120 s, each line counting the 59 held back before it
        assertThat(lines)
                .containsExactly(
                        "timeout 0", "too-large 0", "timeout 59", "too-large 59", "timeout 59", "too-large 59");
    }

    @Test
    void aReasonThatStopsIsLoggedAtOnceWhenItComesBack() {
        assertThat(throttle.admit("timeout", 0)).hasValue(0);
        assertThat(throttle.admit("timeout", 10 * SECOND)).isEmpty();

        assertThat(throttle.admit("timeout", 3_600 * SECOND)).hasValue(1);
    }
}
