package io.autoloop.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogLossTest {

    @Test
    void aClickCostsMinusTheLogOfItsProbabilityAndANonClickOfTheRest() {
        assertThat(LogLoss.of(0.2, 1)).isEqualTo(-Math.log(0.2));
        assertThat(LogLoss.of(0.2, 0)).isEqualTo(-Math.log(0.8));
    }

    @Test
    void aCertainMistakeCostsAFiniteLossAtTheClip() {
        double atTheClip = -Math.log(LogLoss.EPSILON);

        assertThat(LogLoss.of(0.0, 1)).isEqualTo(atTheClip).isCloseTo(34.539, within(1e-3));
        assertThat(LogLoss.of(1.0, 0)).isBetween(34.0, 35.0); // 1 − (1 − 1e-15) is 1e-15 only up to rounding
        assertThat(LogLoss.of(1.0, 1)).isCloseTo(0.0, within(1e-14));
    }
}
