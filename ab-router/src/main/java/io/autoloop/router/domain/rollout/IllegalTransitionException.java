package io.autoloop.router.domain.rollout;

/** An event that the experiment's current phase does not allow, e.g. resuming an experiment that is not paused. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
