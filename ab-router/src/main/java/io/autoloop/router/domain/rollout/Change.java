package io.autoloop.router.domain.rollout;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one event: the experiment's next state and the transition it went through, if any (an analysis
 * that holds updates the counts and the latest analysis without a transition).
 */
public record Change(Experiment experiment, Optional<Transition> transition) {

    public Change {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(transition, "transition");
    }

    static Change unchanged(Experiment experiment) {
        return new Change(experiment, Optional.empty());
    }
}
