package io.autoloop.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.contracts.EventType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorldTest {

    private static final int USERS = 2_000;
    private static final int ITEMS = 300;
    private static final int CANDIDATES = 50;
    private static final int SHOWN = 10;

    /** Shows the first {@code SHOWN} candidates in the order drawn: a random ranking, like the bias-only model's. */
    private static List<String> randomRanking(Visit visit) {
        return visit.candidates().stream().limit(SHOWN).map(Item::itemId).toList();
    }

    private static List<SimulatedFeedback> stream(World world, int visits) {
        List<SimulatedFeedback> all = new ArrayList<>();
        for (int n = 0; n < visits; n++) {
            Visit visit = world.visit(n, CANDIDATES);
            all.addAll(visit.react(randomRanking(visit)));
        }
        return all;
    }

    @Test
    void sameSeedDrawsTheSameWorldAndFeedbackStream() {
        World first = World.generate(42, USERS, ITEMS);
        World second = World.generate(42, USERS, ITEMS);

        assertThat(second.users()).isEqualTo(first.users());
        assertThat(second.items()).isEqualTo(first.items());
        assertThat(stream(second, 2_000)).isEqualTo(stream(first, 2_000)).isNotEmpty();
    }

    @Test
    void differentSeedsDrawDifferentStreams() {
        List<SimulatedFeedback> seed42 = stream(World.generate(42, USERS, ITEMS), 500);
        List<SimulatedFeedback> seed43 = stream(World.generate(43, USERS, ITEMS), 500);

        assertThat(seed43).isNotEqualTo(seed42);
    }

    @Test
    void visitsDependOnTheirIndexOnlyNotOnTheOrderTheyAreDrawn() {
        World world = World.generate(7, USERS, ITEMS);

        Visit late = world.visit(99, CANDIDATES);
        world.visit(3, CANDIDATES);
        Visit again = world.visit(99, CANDIDATES);

        assertThat(again.user()).isEqualTo(late.user());
        assertThat(again.candidates())
                .isEqualTo(late.candidates())
                .hasSize(CANDIDATES)
                .doesNotHaveDuplicates();
    }

    @Test
    void empiricalClickRateMatchesTheTrueModel() {
        World world = World.generate(42, USERS, ITEMS);
        double expected = 0;
        double variance = 0;
        long clicks = 0;

        for (int n = 0; n < 20_000; n++) {
            Visit visit = world.visit(n, CANDIDATES);
            List<String> shown = randomRanking(visit);
            for (int slot = 0; slot < shown.size(); slot++) {
                double p = world.truth().clickProbability(visit.user(), world.item(shown.get(slot)), slot);
                expected += p;
                variance += p * (1 - p);
            }
            clicks += visit.react(shown).stream()
                    .filter(f -> f.type() == EventType.CLICK)
                    .count();
        }

        assertThat((double) clicks).isCloseTo(expected, within(4 * Math.sqrt(variance)));
    }

    @Test
    void clicksShowThePositionBias() {
        World world = World.generate(42, USERS, ITEMS);
        long[] clicks = new long[SHOWN];
        int visits = 30_000;

        for (int n = 0; n < visits; n++) {
            Visit visit = world.visit(n, CANDIDATES);
            visit.react(randomRanking(visit)).stream()
                    .filter(f -> f.type() == EventType.CLICK)
                    .forEach(f -> clicks[f.slot()]++);
        }

        // Items land in slots at random, so the click rate of slot k over slot 0 estimates PositionBias.factor(k).
        assertThat(clicks[0]).isGreaterThan(clicks[1]);
        assertThat(clicks[1]).isGreaterThan(clicks[3]);
        assertThat(clicks[3]).isGreaterThan(clicks[9]);
        assertThat((double) clicks[2] / clicks[0]).isCloseTo(PositionBias.factor(2), within(0.06));
        assertThat((double) clicks[9] / clicks[0]).isCloseTo(PositionBias.factor(9), within(0.04));
    }

    @Test
    void baseClickRateIsModestAndRankingByTheTruthClearlyBeatsIt() {
        World world = World.generate(42, USERS, ITEMS);
        double random = 0;
        double oracle = 0;
        int visits = 5_000;

        for (int n = 0; n < visits; n++) {
            Visit visit = world.visit(n, CANDIDATES);
            Function<Item, Double> appeal = item -> world.truth().clickProbability(visit.user(), item, 0);
            List<Item> best = visit.candidates().stream()
                    .sorted(Comparator.comparing(appeal).reversed())
                    .limit(SHOWN)
                    .toList();
            for (int slot = 0; slot < SHOWN; slot++) {
                random += world.truth()
                        .clickProbability(visit.user(), visit.candidates().get(slot), slot);
                oracle += world.truth().clickProbability(visit.user(), best.get(slot), slot);
            }
        }
        random /= visits * SHOWN;
        oracle /= visits * SHOWN;

        assertThat(random).isBetween(0.03, 0.08);
        assertThat(oracle).isGreaterThan(1.8 * random);
    }

    @Test
    void followUpsComeOnlyAfterAClickAndCarryValidValues() {
        World world = World.generate(42, USERS, ITEMS);
        List<SimulatedFeedback> followUps = new ArrayList<>();

        for (int n = 0; n < 20_000; n++) {
            Visit visit = world.visit(n, CANDIDATES);
            List<SimulatedFeedback> feedback = visit.react(randomRanking(visit));
            Map<String, SimulatedFeedback> clicks = feedback.stream()
                    .filter(f -> f.type() == EventType.CLICK)
                    .collect(Collectors.toMap(SimulatedFeedback::itemId, Function.identity()));
            for (SimulatedFeedback f : feedback) {
                if (f.type() == EventType.IMPRESSION || f.type() == EventType.CLICK) {
                    assertThat(f.value()).isNull();
                    continue;
                }
                followUps.add(f);
                assertThat(clicks).containsKey(f.itemId());
                assertThat(f.delay()).isGreaterThan(clicks.get(f.itemId()).delay());
            }
        }

        Map<EventType, List<Double>> values = followUps.stream()
                .collect(Collectors.groupingBy(
                        SimulatedFeedback::type, Collectors.mapping(SimulatedFeedback::value, Collectors.toList())));
        assertThat(values).containsOnlyKeys(EventType.DWELL, EventType.RATING, EventType.CONVERSION);
        assertThat(values.get(EventType.DWELL)).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(values.get(EventType.RATING))
                .allSatisfy(v -> assertThat(v).isIn(1.0, 2.0, 3.0, 4.0, 5.0))
                .contains(1.0, 5.0);
        assertThat(values.get(EventType.CONVERSION))
                .allSatisfy(v -> assertThat(v).isBetween(2.99, 14.99));
    }

    @Test
    void featuresExposeObservablesButNotTheHiddenOffset() {
        World world = World.generate(42, 10, 10);
        User user = world.users().get(0);
        Item item = world.items().get(0);

        assertThat(user.features()).containsOnlyKeys("segment", "age_band", "activity");
        assertThat(user.context()).containsOnlyKeys("device");
        assertThat(item.features()).containsOnlyKeys("category", "price_band", "quality");
        assertThat(user.userId()).isEqualTo("w42-u00000");
        assertThat(item.itemId()).isEqualTo("w42-i0000");
    }
}
