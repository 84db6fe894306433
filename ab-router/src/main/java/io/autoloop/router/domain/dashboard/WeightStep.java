package io.autoloop.router.domain.dashboard;

import io.autoloop.router.domain.rollout.Phase;
import io.autoloop.router.domain.rollout.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The challenger's weight from {@code at} until the next step: the step chart of a rollout, read off the
 * experiment's history of transitions.
 *
 * @param weight the challenger's traffic from {@code at} on, in percent
 */
public record WeightStep(Instant at, double weight, Phase phase) {

    /** One step per transition, oldest first; consecutive transitions that leave the weight and phase alone merge. */
    public static List<WeightStep> of(List<Transition> history) {
        List<WeightStep> steps = new ArrayList<>();
        for (Transition transition : history) {
            WeightStep previous = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (previous != null && previous.weight() == transition.toWeight() && previous.phase() == transition.to()) {
                continue;
            }
            steps.add(new WeightStep(transition.at(), transition.toWeight(), transition.to()));
        }
        return steps;
    }
}
