package io.autoloop.analyzer.domain;

/**
 * How far each input of the join has come in event time (epoch ms): the latest servedAt among the decisions and
 * the latest eventTime among the feedback events seen so far; {@link Long#MIN_VALUE} before the first one.
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

    /** This clock after a decision served at {@code servedAt}. */
    public EventClock afterDecision(long servedAt) {
        return servedAt > decisions ? new EventClock(servedAt, feedback) : this;
    }

    /** This clock after a feedback event at {@code eventTime}. */
    public EventClock afterFeedback(long eventTime) {
        return eventTime > feedback ? new EventClock(decisions, eventTime) : this;
    }
}
