package io.autoloop.learner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.autoloop.learner.FeatureSpec;
import io.autoloop.learner.FtrlParameters;
import io.autoloop.learner.search.SearchEvent.Graduated;
import io.autoloop.learner.search.SearchEvent.Proposed;
import io.autoloop.learner.search.SearchEvent.Reason;
import io.autoloop.learner.search.SearchEvent.Retired;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The search's decisions on predictions given by hand: every candidate "predicts" by a rule of the label, so which one
 * is better is known. Labels are clicks with probability 0.2.
 */
class OnlineSearchTest {

    private static final Configuration START =
            new Configuration(FeatureSpec.withoutCrosses(18), FtrlParameters.defaults());
    private static final SearchSpace SPACE = SearchSpace.defaults(18, List.of("u", "i", "c"));

    /** Predicts the base rate whatever happens: the champion's rule, and every candidate's not listed. */
    private static final DoubleUnaryOperator BASE_RATE = label -> 0.2;
    /** Knows a little about the label: a lower loss on every example. */
    private static final DoubleUnaryOperator BETTER = label -> label == 1.0 ? 0.3 : 0.15;
    /** A coin toss: a higher mean loss. */
    private static final DoubleUnaryOperator WORSE = label -> 0.5;

    @Test
    void kChallengersAreProposedAroundTheStartAtOnceEachOneMoveAway() {
        OnlineSearch search = new OnlineSearch(START, SPACE, settings(4, 2_000, 500, 100_000));

        List<SearchEvent> events = search.drainEvents();

        assertThat(events)
                .hasSize(4)
                .allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(Proposed.class, proposed -> {
                    assertThat(proposed.example()).isZero();
                    assertThat(proposed.champion()).isZero();
                    assertThat(proposed.warmStart()).isTrue();
                    assertThat(proposed.candidate().configuration()).isNotEqualTo(START);
                }));
        assertThat(search.live()).extracting(Candidate::id).containsExactly(0, 1, 2, 3, 4);
        assertThat(search.drainEvents()).isEmpty();
    }

    @Test
    void aConfidentlyBetterChallengerGraduatesAndAConfidentlyWorseOneIsRetiredBothReplaced() {
        // given two challengers: #1 predicts better than the champion on every example, #2 worse
        OnlineSearch search = new OnlineSearch(START, SPACE, settings(2, 2_000, 500, 100_000));
        search.drainEvents();

        // when 499 examples are observed, nothing is decided yet: a decision needs 500 paired examples
        feed(search, 499, Map.of(1, BETTER, 2, WORSE));
        assertThat(search.drainEvents()).isEmpty();

        // when the 500th is observed
        feed(search, 1, Map.of(1, BETTER, 2, WORSE));

        // then #2 is retired as worse, #1 graduates, and two proposals around #1 take their places
        List<SearchEvent> events = search.drainEvents();
        assertThat(events)
                .extracting(SearchEvent::getClass, event -> event.candidate().id())
                .containsExactly(
                        tuple(Retired.class, 2),
                        tuple(Graduated.class, 1),
                        tuple(Proposed.class, 3),
                        tuple(Proposed.class, 4));
        Retired retired = (Retired) events.get(0);
        assertThat(retired.reason()).isEqualTo(Reason.WORSE);
        assertThat(retired.comparison().lower()).isPositive();
        Graduated graduated = (Graduated) events.get(1);
        assertThat(graduated.example()).isEqualTo(500);
        assertThat(graduated.previousChampion().id()).isZero();
        assertThat(graduated.comparison().examples()).isEqualTo(500);
        assertThat(graduated.comparison().difference())
                .isCloseTo(
                        graduated.comparison().challengerLoss()
                                - graduated.comparison().championLoss(),
                        within(1e-12));
        assertThat(graduated.comparison().upper())
                .isLessThan(-0.001 * graduated.comparison().championLoss());
        assertThat(events.subList(2, 4))
                .allSatisfy(event -> assertThat(((Proposed) event).champion()).isEqualTo(1));
        assertThat(search.champion().id()).isEqualTo(1);
        assertThat(search.live()).extracting(Candidate::id).containsExactly(1, 3, 4);
    }

    @Test
    void whenTheChampionChangesEveryChallengerIsComparedWithTheNewOneOnTheExamplesBothRecorded() {
        // given #1 better than the champion and #2 predicting as the champion did
        OnlineSearch search = new OnlineSearch(START, SPACE, settings(2, 2_000, 500, 100_000));
        feed(search, 500, Map.of(1, BETTER));

        // when #1 has graduated
        assertThat(search.champion().id()).isEqualTo(1);

        // then #2, now in slot 1, is compared with #1 over the same 500 examples, and found worse by as much
        Comparison comparison = search.comparison(1);
        assertThat(search.live().get(1).id()).isEqualTo(2);
        assertThat(comparison.examples()).isEqualTo(500);
        assertThat(comparison.difference()).isPositive();
    }

    @Test
    void aChallengerNeitherBetterNorWorseIsRetiredWhenItsLeaseRunsOut() {
        OnlineSearch search = new OnlineSearch(START, SPACE, settings(1, 2_000, 500, 3_000));
        search.drainEvents();

        feed(search, 2_999, Map.of());
        assertThat(search.drainEvents()).isEmpty();
        feed(search, 1, Map.of());

        List<SearchEvent> events = search.drainEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(Retired.class, retired -> {
            assertThat(retired.reason()).isEqualTo(Reason.LEASE_EXPIRED);
            assertThat(retired.comparison().examples()).isEqualTo(2_000);
            assertThat(retired.comparison().difference()).isZero();
        });
        assertThat(events.get(1))
                .isInstanceOfSatisfying(
                        Proposed.class,
                        proposed -> assertThat(proposed.candidate().since()).isEqualTo(3_000));
    }

    @Test
    void theSameSeedAndExamplesGiveTheSameEventsAndAnotherSeedOtherProposals() {
        List<SearchEvent> first = run(7);
        List<SearchEvent> again = run(7);
        List<SearchEvent> other = run(8);

        assertThat(first).hasSizeGreaterThan(10).isEqualTo(again);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withMoreChallengersThanTheBudgetEachTakesPartInItsShareAndLearnsWithTheInverseWeight() {
        // given eight challengers and a budget of four
        SearchSettings settings = new SearchSettings(8, 2_000, 500, 1_000_000, 2.0, 0.001, 0.25, 4.0, 1);
        OnlineSearch search = new OnlineSearch(START, SPACE, settings);
        int[] parts = new int[9];

        // when 10,000 examples are observed
        for (int example = 0; example < 10_000; example++) {
            for (int slot = 0; slot < 9; slot++) {
                parts[slot] += search.takesPart(slot) ? 1 : 0;
            }
            feed(search, 1, Map.of());
        }

        // then the champion took part in all of them, each challenger in about half, learning with weight 2
        assertThat(parts[0]).isEqualTo(10_000);
        for (int slot = 1; slot < 9; slot++) {
            assertThat(parts[slot]).isBetween(4_800, 5_200);
        }
        assertThat(search.importance()).isEqualTo(2.0);
    }

    @Test
    void aStartOutsideTheSpaceIsRefusedNamingTheValue() {
        Configuration start = new Configuration(START.spec(), new FtrlParameters(5.0, 1.0, 0.0, 0.0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OnlineSearch(start, SPACE, SearchSettings.defaults()))
                .withMessage("The start configuration has alpha 5.0, outside the searched range 0.01..1.0.");
    }

    @Test
    void aSpaceThatLeavesNothingToVaryIsRefusedWhenChallengersAreAskedFor() {
        SearchSpace fixed = new SearchSpace(Map.of(), 18, 18, List.of("u"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OnlineSearch(START, fixed, SearchSettings.defaults()))
                .withMessageStartingWith("The search space leaves nothing to vary");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "-1|1000|100|1000|2|0.001|0.25|4|The number of challengers must be 0 or more, got -1.",
                "4|1000|2000|5000|2|0.001|0.25|4|A decision needs between 2 and the window's 1000 paired examples, got"
                        + " 2000.",
                "4|1000|100|50|2|0.001|0.25|4|A challenger's lease of 50 examples is shorter than the 100 a decision"
                        + " needs.",
                "4|1000|100|1000|0|0.001|0.25|4|The confidence bounds need a positive number of standard errors, got"
                        + " 0.0.",
                "4|1000|100|1000|2|1|0.25|4|The graduation margin is a share of the champion's loss, from 0 up to but"
                        + " not including 1, got 1.0.",
                "4|1000|100|1000|2|0.001|0|4|A proposal's step must lie in (0, 1], a share of each range, got 0.0.",
                "4|1000|100|1000|2|0.001|0.25|0|The shadow budget must be a positive number of challengers, got 0.0."
            })
    void settingsOutOfBoundsAreRefusedWithASentence(
            int challengers,
            int window,
            int minExamples,
            long lease,
            double standardErrors,
            double margin,
            double step,
            double budget,
            String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SearchSettings(
                        challengers, window, minExamples, lease, standardErrors, margin, step, budget, 1))
                .withMessage(message);
    }

    private static SearchSettings settings(int challengers, int window, int minExamples, long lease) {
        return new SearchSettings(challengers, window, minExamples, lease, 2.0, 0.001, 0.25, 4.0, 1);
    }

    /** Observes {@code count} examples, each candidate predicting by its rule (the base rate when it has none). */
    private static void feed(OnlineSearch search, int count, Map<Integer, DoubleUnaryOperator> rules) {
        Random labels = new Random(search.examples());
        for (int i = 0; i < count; i++) {
            double label = labels.nextDouble() < 0.2 ? 1.0 : 0.0;
            List<Candidate> live = search.live();
            double[] predictions = new double[live.size()];
            for (int slot = 0; slot < live.size(); slot++) {
                predictions[slot] = search.takesPart(slot)
                        ? rules.getOrDefault(live.get(slot).id(), BASE_RATE).applyAsDouble(label)
                        : Double.NaN;
            }
            search.observe(predictions, label, 1.0);
        }
    }

    /** 20,000 examples where a candidate's prediction depends on its α: the search keeps deciding. */
    private static List<SearchEvent> run(long seed) {
        SearchSettings settings = new SearchSettings(4, 1_000, 200, 2_000, 2.0, 0.001, 0.25, 4.0, seed);
        OnlineSearch search = new OnlineSearch(START, SPACE, settings);
        List<SearchEvent> events = new ArrayList<>(search.drainEvents());
        Random labels = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            double label = labels.nextDouble() < 0.2 ? 1.0 : 0.0;
            List<Candidate> live = search.live();
            double[] predictions = new double[live.size()];
            for (int slot = 0; slot < live.size(); slot++) {
                double alpha = live.get(slot).configuration().parameters().alpha();
                double skill = 0.05 * Math.log10(alpha / 0.01);
                predictions[slot] = label == 1.0 ? 0.2 + skill : 0.2 - skill / 4;
            }
            search.observe(predictions, label, 1.0);
            events.addAll(search.drainEvents());
        }
        return events;
    }
}
