package io.autoloop.learner.offpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingEvaluationTest {

    private static final OffPolicyParameters PARAMETERS = new OffPolicyParameters(3.0, 2.0, 2.0);

    @Test
    void aRoundAtOneSlotCountsForThatSlotAndOverall() {
        // given rounds that each showed one item: two at slot 1, one at slot 2
        RankingEvaluation evaluation = new RankingEvaluation(3, PARAMETERS);
        evaluation.add(1, 2.0, 1.0);
        evaluation.add(1, 1.0, 0.0);
        evaluation.add(2, 0.5, 1.0);

        // then slot 1 has Σw·r / n = 2 / 2, slot 2 has 0.5 / 1, slot 3 nothing, and overall 2.5 / 3
        assertThat(evaluation.slot(1, Estimator.IPS).estimate()).isEqualTo(1.0);
        assertThat(evaluation.slot(2, Estimator.IPS).estimate()).isEqualTo(0.5);
        assertThat(evaluation.slot(3, Estimator.IPS).rounds()).isZero();
        assertThat(evaluation.overall(Estimator.IPS).estimate()).isCloseTo(2.5 / 3, within(1e-15));
        assertThat(evaluation.overall(Estimator.SNIPS).estimate()).isCloseTo(2.5 / 3.5, within(1e-15));
        assertThat(evaluation.overall(Estimator.IPS).rounds()).isEqualTo(3);
    }

    @Test
    void aLoggedRankingIsWeighedForTheTargetSlotBySlotAndIsOneRoundOverall() {
        // given two logged rankings of two slots, and a target that ranks a, b, c
        RankingEvaluation evaluation = new RankingEvaluation(2, PARAMETERS);
        List<String> target = List.of("a", "b", "c");

        // when the first agrees with the target (propensities 0.5, 0.5) and the second departs at slot 2
        evaluation.addCascade(List.of(new LoggedSlot("a", 0.5, 1.0), new LoggedSlot("b", 0.5, 1.0)), target);
        evaluation.addCascade(List.of(new LoggedSlot("a", 0.5, 0.0), new LoggedSlot("c", 0.25, 1.0)), target);

        // then slot 1 has weights 2, 2 and rewards 1, 0; slot 2 has weights 2/0.5 = 4 and 0 with rewards 1, 1 (λ = 3
        // clips the 4); overall the two rankings are two rounds: Σw·r = 2 + 4, Σw = 2 + 4 + 2, four observations
        assertThat(evaluation.slot(1, Estimator.SNIPS).estimate()).isEqualTo(0.5);
        assertThat(evaluation.slot(2, Estimator.IPS).estimate()).isEqualTo(4.0 / 2);
        assertThat(evaluation.slot(2, Estimator.SNIPS).estimate()).isEqualTo(1.0);
        assertThat(evaluation.slot(2, Estimator.CLIPPED_IPS).estimate()).isEqualTo(3.0 / 2);
        assertThat(evaluation.overall(Estimator.IPS).estimate()).isEqualTo(6.0 / 4);
        assertThat(evaluation.overall(Estimator.SNIPS).estimate()).isEqualTo(6.0 / 8);
        assertThat(evaluation.overall(Estimator.SNIPS).rounds()).isEqualTo(2);
        assertThat(evaluation.overall(Estimator.SNIPS).ess())
                .as("the rankings' summed weights 6 and 2: 8² / (6² + 2²)")
                .isEqualTo(64.0 / 40);
    }

    @Test
    void aSlotOrRankingBeyondTheEvaluationsSlotsIsRefused() {
        RankingEvaluation evaluation = new RankingEvaluation(2, PARAMETERS);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> evaluation.add(3, 1.0, 1.0))
                .withMessage("A slot is 1-based and this evaluation has 2 slots, but it is 3.");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> evaluation.add(new double[3], new double[3], 3))
                .withMessage("This evaluation takes rankings of 1 to 2 slots, but the ranking shows 3.");
    }

    @Test
    void addingRoundsAndRankingsAllocatesNothing() {
        // given an evaluation, warmed up with rounds at a slot, rankings with weights, and logged rankings
        RankingEvaluation evaluation = new RankingEvaluation(2, OffPolicyParameters.defaults());
        double[] weights = {1.5, 30.0};
        double[] clicks = {1.0, 0.0};
        List<LoggedSlot> logged = List.of(new LoggedSlot("a", 0.5, 1.0), new LoggedSlot("b", 0.25, 0.0));
        List<String> target = List.of("a", "b", "c");
        Runnable pass = () -> {
            for (int i = 0; i < 10_000; i++) {
                evaluation.add(1 + i % 2, weights[i % 2], clicks[i % 2]);
                evaluation.add(weights, clicks, 2);
                evaluation.addCascade(logged, target);
            }
        };
        for (int i = 0; i < 20; i++) {
            pass.run();
        }

        // when 1,500,000 more rounds are added
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50; i++) {
            pass.run();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // then they allocated (next to) nothing
        assertThat(allocated).isLessThan(1_000);
    }
}
