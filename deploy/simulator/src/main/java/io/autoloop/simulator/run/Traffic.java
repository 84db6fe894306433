package io.autoloop.simulator.run;

import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a run's ranking requests come from (the synthetic world, or a log replay) and what the user does with each
 * ranking. The runner asks for visits in order, from one thread.
 */
public interface Traffic {

    /** The {@code index}-th visit (0-based), or empty when the traffic is exhausted. */
    Optional<Planned> next(long index);

    /**
     * One ranking request and the user's reaction to its answer.
     *
     * @param logOffset when the visit happened relative to the first one in the replayed log, null for live traffic
     */
    record Planned(RankRequest request, Duration logOffset, Reaction reaction) {}

    /** The feedback a ranking leads to. */
    @FunctionalInterface
    interface Reaction {

        /** The events to send for this ranking, each after its delay; their timestamps are left to the runner. */
        List<PlannedEvent> to(RankResponse response);
    }

    /** An event due {@code delay} after the ranking was shown; {@code timestamp} and {@code sentAt} are unset. */
    record PlannedEvent(Duration delay, EventInput event) {}
}
