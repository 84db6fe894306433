package io.autoloop.analyzer.messaging;

import io.autoloop.contracts.Decision;
import io.autoloop.contracts.FeedbackEvent;

/** A record reaching the attribution step, keyed by pseudonymous user id: a decision, or a feedback event as read. */
sealed interface Arrival {

    /** A readable decision with the JSON it was read from. */
    record DecisionArrival(Parsed.Ok<Decision> decision) implements Arrival {}

    record FeedbackArrival(Parsed<FeedbackEvent> feedback) implements Arrival {}
}
