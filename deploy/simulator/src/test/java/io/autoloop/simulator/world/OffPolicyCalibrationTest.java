package io.autoloop.simulator.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.contracts.EventType;
import io.autoloop.learner.offpolicy.Estimator;
import io.autoloop.learner.offpolicy.LoggedSlot;
import io.autoloop.learner.offpolicy.OffPolicyEstimate;
import io.autoloop.learner.offpolicy.OffPolicyParameters;
import io.autoloop.learner.offpolicy.RankingEvaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Calibrates the learner's self-normalized IPS with cascade weights against the simulated world: in each of
 * {@value #TRIALS} seeded worlds an ε-greedy logger ranks {@value #CANDIDATES} candidates into {@value #SLOTS} slots
 * for {@value #LOGGED_RANKINGS} visits, and the logs estimate the click rate per shown item of a different, greedy
 * target; the target then serves {@value #ON_POLICY_RANKINGS} fresh visits of the same world, and its measured click
 * rate must lie inside the estimate's 95 % interval in at least 90 % of the trials.
 *
 * <p>Both policies rank by a noisy version of the true click model, {@code logit(u, i) + e_i}, with an error
 * {@code e_i ~ N(0, }{@value #MODEL_NOISE}{@code ²)} of their own per item, so they often disagree on the top item.
 * ε = {@value #EPSILON} over {@value #CANDIDATES} candidates gives the rounds where they disagree a weight of
 * {@code CANDIDATES / ε} at slot 1 when the logger explored and drew the target's item, often enough for an effective
 * sample size far above the minimum; with the router's ε = 0.05 over 50 candidates that weight would be 1,000, in one
 * such round of a thousand.
 */
class OffPolicyCalibrationTest {

    private static final long SEED = 18;
    private static final int TRIALS = 50;
    private static final int USERS = 2_000;
    private static final int ITEMS = 200;
    private static final int CANDIDATES = 4;
    private static final int SLOTS = 2;
    private static final double EPSILON = 0.5;
    private static final double MODEL_NOISE = 1.0;
    private static final int LOGGED_RANKINGS = 10_000;
    private static final int ON_POLICY_RANKINGS = 40_000;

    /** Where the on-policy visits start: far from the logged ones, so every on-policy visit is fresh. */
    private static final long ON_POLICY_VISITS = 1_000_000;

    @Test
    void theTargetsOnPolicyClickRateLiesInsideTheSelfNormalizedIntervalInNineTrialsOutOfTen() {
        // given 50 seeded worlds, each with an ε-greedy logger and a greedy target ranking by different noisy models
        int covered = 0;
        double smallestEss = Double.POSITIVE_INFINITY;
        boolean everyEstimateDecisive = true;
        for (int trial = 0; trial < TRIALS; trial++) {
            World world = World.generate(Seeds.mix(SEED, trial), USERS, ITEMS);
            // streams −1 to −3 of the world's seed, which no visit (index 0 and up) uses
            NoisyModel logger = NoisyModel.draw(world, new SplittableRandom(Seeds.mix(world.seed(), -1)));
            NoisyModel target = NoisyModel.draw(world, new SplittableRandom(Seeds.mix(world.seed(), -2)));

            // when the target is evaluated from the logger's rankings, then measured by serving fresh visits
            OffPolicyEstimate estimate = evaluate(world, logger, target);
            double onPolicy = clickRate(world, target);

            covered += estimate.covers(onPolicy) ? 1 : 0;
            smallestEss = Math.min(smallestEss, estimate.ess());
            everyEstimateDecisive &= estimate.decisive();
        }

        // then the interval held the on-policy click rate in at least 45 of the 50 trials, and every estimate rested
        // on enough effective rankings to decide
        assertThat(covered)
                .as("trials whose interval held the on-policy click rate")
                .isGreaterThanOrEqualTo(45);
        assertThat(everyEstimateDecisive)
                .as("every estimate decisive (smallest ESS %.0f rankings)", smallestEss)
                .isTrue();
    }

    /** SNIPS over every slot of the logger's rankings, with the cascade weights of the target's ranking. */
    private static OffPolicyEstimate evaluate(World world, NoisyModel logger, NoisyModel target) {
        RankingEvaluation evaluation = new RankingEvaluation(SLOTS, OffPolicyParameters.defaults());
        EpsilonGreedy exploration = new EpsilonGreedy(new SplittableRandom(Seeds.mix(world.seed(), -3)));
        for (long index = 0; index < LOGGED_RANKINGS; index++) {
            Visit visit = world.visit(index, CANDIDATES);
            List<String> shown = new ArrayList<>(SLOTS);
            double[] propensities = new double[SLOTS];
            exploration.fill(logger.ranking(visit), shown, propensities);
            boolean[] clicked = clicks(visit.react(shown));
            List<LoggedSlot> logged = new ArrayList<>(SLOTS);
            for (int slot = 0; slot < SLOTS; slot++) {
                logged.add(new LoggedSlot(shown.get(slot), propensities[slot], clicked[slot] ? 1.0 : 0.0));
            }
            evaluation.addCascade(logged, target.ranking(visit));
        }
        return evaluation.overall(Estimator.SNIPS);
    }

    /** The target's clicks per shown item over fresh visits, each shown its greedy ranking. */
    private static double clickRate(World world, NoisyModel target) {
        long clicks = 0;
        for (long index = ON_POLICY_VISITS; index < ON_POLICY_VISITS + ON_POLICY_RANKINGS; index++) {
            Visit visit = world.visit(index, CANDIDATES);
            for (boolean click : clicks(visit.react(target.ranking(visit).subList(0, SLOTS)))) {
                clicks += click ? 1 : 0;
            }
        }
        return (double) clicks / ((long) ON_POLICY_RANKINGS * SLOTS);
    }

    private static boolean[] clicks(List<SimulatedFeedback> feedback) {
        boolean[] clicked = new boolean[SLOTS];
        for (SimulatedFeedback event : feedback) {
            if (event.type() == EventType.CLICK) {
                clicked[event.slot()] = true;
            }
        }
        return clicked;
    }

    /** A click model that knows the true logit up to an error of its own per item: {@code logit(u, i) + N(0, σ²)}. */
    private record NoisyModel(TrueClickModel truth, Map<String, Double> itemError) {

        static NoisyModel draw(World world, SplittableRandom random) {
            Map<String, Double> itemError = new HashMap<>();
            for (Item item : world.items()) {
                itemError.put(item.itemId(), MODEL_NOISE * random.nextGaussian());
            }
            return new NoisyModel(world.truth(), itemError);
        }

        /** The visit's candidates by descending score, ties in candidate order: the greedy ranking. */
        List<String> ranking(Visit visit) {
            double[] scores = new double[visit.candidates().size()];
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < scores.length; i++) {
                Item item = visit.candidates().get(i);
                scores[i] = truth.logit(visit.user(), item) + itemError.get(item.itemId());
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
            List<String> ranking = new ArrayList<>(scores.length);
            for (int i : order) {
                ranking.add(visit.candidates().get(i).itemId());
            }
            return ranking;
        }
    }

    /**
     * The router's ε-greedy slot filling: slot by slot, the best remaining candidate with probability 1 − ε, else a
     * uniformly drawn remaining one, with the propensity {@code (1 − ε) + ε/m} for the best remaining, {@code ε/m} for
     * any other (m candidates left).
     */
    private record EpsilonGreedy(SplittableRandom random) {

        void fill(List<String> greedy, List<String> shown, double[] propensities) {
            List<String> remaining = new ArrayList<>(greedy);
            for (int slot = 0; slot < propensities.length; slot++) {
                int left = remaining.size();
                int chosen = random.nextDouble() < EPSILON ? random.nextInt(left) : 0;
                propensities[slot] = chosen == 0 ? (1 - EPSILON) + EPSILON / left : EPSILON / left;
                shown.add(remaining.remove(chosen));
            }
        }
    }
}
