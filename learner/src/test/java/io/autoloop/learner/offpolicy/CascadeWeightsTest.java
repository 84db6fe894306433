package io.autoloop.learner.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CascadeWeightsTest {

    /**
     * An ε-greedy logger with ε = 0.5 over five candidates whose greedy order is a, b, c, d, e showed a, then c
     * (explored), then b: a was the best of 5, {@code (1 − ε) + ε/5 = 0.6}; c was not the best of the 4 left,
     * {@code ε/4 = 0.125}; b was the best of the 3 left, {@code 0.5 + 0.5/3 = 2/3}.
     */
    private static final List<LoggedSlot> LOGGED =
            List.of(new LoggedSlot("a", 0.6, 1.0), new LoggedSlot("c", 0.125, 0.0), new LoggedSlot("b", 2.0 / 3, 1.0));

    static Stream<Arguments> targets() {
        return Stream.of(
                // agrees on slots 1 and 2, departs at slot 3 (d where b was shown): 1/0.6, 1/(0.6 · 0.125), 0
                Arguments.of(List.of("a", "c", "d", "b", "e"), new double[] {1 / 0.6, 1 / (0.6 * 0.125), 0.0}),
                // agrees everywhere: 1/0.6, 1/(0.6 · 0.125), 1/(0.6 · 0.125 · 2/3)
                Arguments.of(
                        List.of("a", "c", "b", "e", "d"),
                        new double[] {1 / 0.6, 1 / (0.6 * 0.125), 1 / (0.6 * 0.125 * 2 / 3)}),
                // departs at slot 1: nothing below it counts, even b at slot 3 where the target has it too
                Arguments.of(List.of("c", "a", "b", "d", "e"), new double[] {0.0, 0.0, 0.0}));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theWeightIsTheProductOfInversePropensitiesWhileTheLoggedPrefixMatchesTheTarget(
            List<String> target, double[] expected) {
        // given the logged ranking above and a target's ranking of the same candidates
        double[] weights = new double[4];

        // when the cascade weights are computed
        CascadeWeights.of(LOGGED, target, weights);

        // then slot k's weight is Π_{j ≤ k} 1/π_b while the prefix matches, 0 from the first departure on
        for (int k = 0; k < expected.length; k++) {
            assertThat(weights[k]).as("slot %d", k + 1).isCloseTo(expected[k], within(1e-12));
        }
    }

    @Test
    void aTargetRankingShorterThanTheLoggedOneIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CascadeWeights.of(LOGGED, List.of("a", "c"), new double[3]))
                .withMessage("The target ranking holds 2 items but the logged ranking shows 3; the target must rank"
                        + " at least as many candidates as were shown.");
    }
}
