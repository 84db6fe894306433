package io.autoloop.collector.domain;

/** The outcome of validating one event: a {@link ValidEvent} or a {@link RejectedEvent}. */
public sealed interface CheckedEvent permits ValidEvent, RejectedEvent {

    /** The event's position in the request's {@code events} array. */
    int index();
}
