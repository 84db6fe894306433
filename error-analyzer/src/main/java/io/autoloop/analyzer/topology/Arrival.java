package io.autoloop.analyzer.topology;

import io.autoloop.analyzer.state.Parsed;
import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;

/**
 * A record reaching the attribution step, keyed by pseudonymous user id: a decision, a feedback event as read, or the
 * progress of a decision partition.
 */
sealed interface Arrival {

    /** A readable decision with the JSON it was read from. */
    record DecisionArrival(Parsed.Ok<Decision> decision) implements Arrival {}

    record FeedbackArrival(Parsed<FeedbackEvent> feedback) implements Arrival {}

    /** A decision partition's progress, without a decision (the headers carry it). */
    record ProgressArrival() implements Arrival {}
}
