package io.autoloop.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisitValueTest {

    /** A world of one user and three items; every visit has all three as candidates. */
    private final World world = World.generate(5, 1, 3);

    private final Visit visit = world.visit(0, 3);
    private final User user = visit.user();

    private double appeal(Item item) {
        return world.truth().appeal(user, item);
    }

    @Test
    void theOracleShowsTheCandidatesByTheirTrueAppeal() {
        // given the candidates from the most to the least appealing to the user
        List<Item> best = visit.candidates().stream()
                .sorted(Comparator.comparingDouble(this::appeal).reversed())
                .toList();

        // when the worst is shown first, then the best, then the middle one
        RankingValue value = visit.value(
                List.of(best.get(2).itemId(), best.get(0).itemId(), best.get(1).itemId()));

        // then each slot's appeal counts with its examination: 1, 2/3 and 1/2
        assertThat(value.served())
                .isCloseTo(
                        appeal(best.get(2)) + 2.0 / 3 * appeal(best.get(0)) + 0.5 * appeal(best.get(1)), within(1e-12));
        assertThat(value.oracle())
                .isCloseTo(
                        appeal(best.get(0)) + 2.0 / 3 * appeal(best.get(1)) + 0.5 * appeal(best.get(2)), within(1e-12));
        assertThat(visit.value(best.stream().map(Item::itemId).toList()).served())
                .isCloseTo(value.oracle(), within(1e-12));
    }

    @Test
    void anItemThatIsNotACandidateKeepsItsSlotAndExpectsNoClick() {
        Item second = visit.candidates().get(1);

        RankingValue value = visit.value(List.of("not-a-candidate", second.itemId()));

        assertThat(value.served()).isCloseTo(2.0 / 3 * appeal(second), within(1e-12));
    }

    @Test
    void theExpectedClicksAreTheSumOfTheTrueClickProbabilities() {
        List<String> shown = visit.candidates().stream().map(Item::itemId).toList();

        RankingValue value = visit.value(shown);

        double clickProbabilities = 0;
        for (int slot = 0; slot < shown.size(); slot++) {
            clickProbabilities +=
                    world.truth().clickProbability(user, visit.candidates().get(slot), slot);
        }
        assertThat(value.served()).isCloseTo(clickProbabilities, within(1e-12));
    }
}
