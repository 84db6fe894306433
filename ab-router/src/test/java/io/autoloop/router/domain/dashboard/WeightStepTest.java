package io.autoloop.router.domain.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoloop.router.domain.rollout.Action;
import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightStepTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void everyTransitionThatChangesWeightOrPhaseIsAStep() {
        // Given a history: created, started at 5 %, advanced to 10 %, paused, resumed, analysed twice without a change
        List<Transition> history = List.of(
                transition(0, Action.CREATE, null, Phase.WAITING, 0, 0),
                transition(60, Action.START, Phase.WAITING, Phase.PROGRESSING, 0, 5),
                transition(120, Action.ADVANCE, Phase.PROGRESSING, Phase.PROGRESSING, 5, 10),
                transition(180, Action.PAUSE, Phase.PROGRESSING, Phase.PAUSED, 10, 10),
                transition(240, Action.RESUME, Phase.PAUSED, Phase.PROGRESSING, 10, 10),
                transition(300, Action.RESUME, Phase.PROGRESSING, Phase.PROGRESSING, 10, 10));

        // When it is read as steps
        List<WeightStep> steps = WeightStep.of(history);

        // Then each change is one step and the repeated one merges
        assertThat(steps)
                .containsExactly(
                        new WeightStep(T0, 0, Phase.WAITING),
                        new WeightStep(T0.plusSeconds(60), 5, Phase.PROGRESSING),
                        new WeightStep(T0.plusSeconds(120), 10, Phase.PROGRESSING),
                        new WeightStep(T0.plusSeconds(180), 10, Phase.PAUSED),
                        new WeightStep(T0.plusSeconds(240), 10, Phase.PROGRESSING));
    }

    @Test
    void noHistoryHasNoSteps() {
        assertThat(WeightStep.of(List.of())).isEmpty();
    }

    private static Transition transition(
            long seconds, Action action, Phase from, Phase to, double fromWeight, double toWeight) {
        return new Transition(
                T0.plusSeconds(seconds), action, from, to, fromWeight, toWeight, "controller", action.name(), Map.of());
    }
}
