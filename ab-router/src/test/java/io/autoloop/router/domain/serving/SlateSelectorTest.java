package io.autoloop.router.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlateSelectorTest {

    private final SlateSelector selector = new SlateSelector();
    private final int[] shown = new int[40];
    private final double[] propensities = new double[40];

    @Test
    void withoutExplorationTheSlotsFollowTheScoresWithPropensityOne() {
        double[] scores = {0.1, 0.5, 0.3, 0.5, 0.9};

        int slots = selector.select(scores, 5, 4, 0.0, new SplittableRandom(1), shown, propensities);

        assertThat(slots).isEqualTo(4);
        assertThat(shown).startsWith(4, 1, 3, 2);
        assertThat(propensities).startsWith(1.0, 1.0, 1.0, 1.0);
        assertThat(selector.explored()).isFalse();
    }

    @Test
    void aRankingIsExploredExactlyWhenASlotShowsAnotherThanTheBestRemainingCandidate() {
        double[] scores = {0.9, 0.8, 0.7, 0.6};
        SplittableRandom random = new SplittableRandom(11);
        int explored = 0;
        for (int run = 0; run < 20_000; run++) {
            selector.select(scores, 4, 2, 0.2, random, shown, propensities);
            boolean greedy = propensities[0] > 0.2 / 4 + 1e-9 && propensities[1] > 0.2 / 3 + 1e-9;
            assertThat(selector.explored()).isEqualTo(!greedy);
            explored += greedy ? 0 : 1;
        }
        // Slot 1 departs with probability 0.2 * 3/4 = 0.15; given it did not, slot 2 with 0.2 * 2/3.
        assertThat(explored / 20_000.0).isCloseTo(1 - 0.85 * (1 - 0.2 * 2 / 3), within(0.01));
    }

    @Test
    void equalScoresKeepTheGivenOrder() {
        double[] scores = new double[30];

        int slots = selector.select(scores, 30, 30, 0.0, new SplittableRandom(1), shown, propensities);

        for (int i = 0; i < slots; i++) {
            assertThat(shown[i]).isEqualTo(i);
        }
    }

    @Test
    void theLimitIsCappedByTheCandidates() {
        assertThat(selector.select(new double[] {0.2, 0.1}, 2, 10, 0.0, new SplittableRandom(1), shown, propensities))
                .isEqualTo(2);
    }

    @Test
    void exploredSlotsCarryTheirExactPropensity() {
        double[] scores = {0.9, 0.8, 0.7, 0.6};
        double epsilon = 0.2;
        int runs = 200_000;
        int topInFirstSlot = 0;
        int lastInFirstSlot = 0;
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < runs; run++) {
            selector.select(scores, 4, 2, epsilon, random, shown, propensities);
            if (shown[0] == 0) {
                topInFirstSlot++;
                assertThat(propensities[0]).isCloseTo(0.8 + 0.2 / 4, within(1e-12));
            } else {
                assertThat(propensities[0]).isCloseTo(0.2 / 4, within(1e-12));
            }
            if (shown[0] == 3) {
                lastInFirstSlot++;
            }
            int bestRemaining = shown[0] == 0 ? 1 : 0;
            assertThat(propensities[1]).isCloseTo(shown[1] == bestRemaining ? 0.8 + 0.2 / 3 : 0.2 / 3, within(1e-12));
            assertThat(shown[1]).isNotEqualTo(shown[0]);
        }

        assertThat((double) topInFirstSlot / runs).isCloseTo(0.85, within(0.005));
        assertThat((double) lastInFirstSlot / runs).isCloseTo(0.05, within(0.003));
    }

    @Test
    void sortsLongListsStablyByDescendingScore() {
        double[] scores = new double[1_000];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(50) / 50.0;
        }
        int[] all = new int[1_000];
        double[] allPropensities = new double[1_000];

        selector.select(scores, 1_000, 1_000, 0.0, random, all, allPropensities);

        for (int i = 1; i < all.length; i++) {
            assertThat(scores[all[i - 1]] > scores[all[i]]
                            || (scores[all[i - 1]] == scores[all[i]] && all[i - 1] < all[i]))
                    .as("slot %d", i)
                    .isTrue();
        }
    }
}
