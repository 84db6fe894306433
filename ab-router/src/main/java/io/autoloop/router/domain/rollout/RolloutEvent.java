package io.autoloop.router.domain.rollout;

import io.autoloop.router.domain.guardrail.ChallengerHealth;
import io.autoloop.router.domain.statistics.ArmWindow;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Something that happened to an experiment; {@link Rollout#next} turns it into the experiment's next state. */
public sealed interface RolloutEvent {

    /** When it happened. */
    Instant at();

    /** The challenger's model was fetched, verified and loaded. */
    record ChallengerReady(Instant at) implements RolloutEvent {}

    /** The challenger's model failed verification or decoding and must never serve. */
    record ChallengerRejected(Instant at, String reason) implements RolloutEvent {}

    /** A newer candidate version replaces the challenger. */
    record Superseded(Instant at, String version) implements RolloutEvent {}

    /**
     * An analysis interval elapsed: the arm-stats windows of event time reported so far (a window reported again
     * replaces its earlier report), the challenger's health, and the mean number of impressions of one ranking (the
     * items it showed), which the sample-ratio check needs because the impressions of one ranking share its arm.
     */
    record Analysed(Instant at, List<ArmWindow> windows, ChallengerHealth health, double impressionsPerDecision)
            implements RolloutEvent {

        public Analysed {
            windows = List.copyOf(windows);
            Objects.requireNonNull(health, "health");
            if (!(impressionsPerDecision >= 1.0) || Double.isInfinite(impressionsPerDecision)) {
                throw new IllegalArgumentException("A ranking shows at least one item on average, but"
                        + " impressionsPerDecision is " + impressionsPerDecision + ".");
            }
        }

        /** An analysis of rankings that show one item each. */
        public Analysed(Instant at, List<ArmWindow> windows, ChallengerHealth health) {
            this(at, windows, health, 1.0);
        }
    }

    /** An admin asked for {@code command}. */
    record AdminAction(Instant at, Command command, String actor, String reason) implements RolloutEvent {}

    /** The champion alias now names the challenger. */
    record PromotionApplied(Instant at) implements RolloutEvent {}

    /** What an admin can ask for. */
    enum Command {
        PAUSE,
        RESUME,
        PROMOTE,
        ROLLBACK
    }
}
