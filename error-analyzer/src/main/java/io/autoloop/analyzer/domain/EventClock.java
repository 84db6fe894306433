package io.autoloop.analyzer.domain;

/**
 * How far each input of the join has come in event time (epoch ms): the servedAt every decision partition has
 * reached (the least among them) and the latest eventTime among the feedback events seen so far;
 * {@link Long#MIN_VALUE} while unknown.
 *
 * <p>Each rule waits for the input it is about: a decision's labels become final when the feedback has come past
 * its deadline, feedback stops waiting for its decision when the decisions have, and the marker of a labelled
 * decision is forgotten when both have. So one input running ahead of the other — as when a new instance works
 * through a backlog and the repartitioned feedback trails the decisions — never makes anything late.
 */
public record EventClock(long decisions, long feedback) {

    /** Nothing seen yet. */
    public static final EventClock START = new EventClock(Long.MIN_VALUE, Long.MIN_VALUE);

    /** Both inputs at {@code time}. */
    public static EventClock at(long time) {
        return new EventClock(time, time);
    }

    /** How far both inputs have come. */
    public long both() {
        return Math.min(decisions, feedback);
    }

    /** This clock with the decisions at {@code time}. */
    public EventClock withDecisions(long time) {
        return time == decisions ? this : new EventClock(time, feedback);
    }

    /** This clock after a feedback event at {@code eventTime}. */
    public EventClock afterFeedback(long eventTime) {
        return eventTime > feedback ? new EventClock(decisions, eventTime) : this;
    }
}
