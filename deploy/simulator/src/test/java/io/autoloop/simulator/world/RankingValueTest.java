package io.autoloop.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RankingValueTest {

    /** Three candidates whose appeal is 0.1, 0.4 and 0.2; slots are examined with 1, 2/3 and 1/2. */
    private static final double[] CANDIDATES = {0.1, 0.4, 0.2};

    static Stream<Arguments> rankings() {
        return Stream.of(
                // shown appeal, expected clicks served, expected clicks of the oracle (0.4, 0.2, 0.1 from the top)
                Arguments.of(new double[] {0.1, 0.4}, 0.1 + 2.0 / 3 * 0.4, 0.4 + 2.0 / 3 * 0.2),
                Arguments.of(new double[] {0.4, 0.2}, 0.4 + 2.0 / 3 * 0.2, 0.4 + 2.0 / 3 * 0.2),
                Arguments.of(
                        new double[] {0.1, 0.2, 0.4}, 0.1 + 2.0 / 3 * 0.2 + 0.5 * 0.4, 0.4 + 2.0 / 3 * 0.2 + 0.5 * 0.1),
                Arguments.of(new double[] {0.2}, 0.2, 0.4));
    }

    @ParameterizedTest
    @MethodSource("rankings")
    void servedAndOracleSumTheAppealOfEachSlotTimesItsExamination(
            double[] shown, double expectedServed, double expectedOracle) {
        RankingValue value = RankingValue.of(shown, CANDIDATES);

        assertThat(value.served()).isCloseTo(expectedServed, within(1e-12));
        assertThat(value.oracle()).isCloseTo(expectedOracle, within(1e-12));
        assertThat(value.served())
                .as("no ranking of the candidates beats the oracle")
                .isLessThanOrEqualTo(value.oracle());
    }
}
