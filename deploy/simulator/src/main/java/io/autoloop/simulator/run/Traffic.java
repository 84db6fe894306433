package io.autoloop.simulator.run;

import io.autoloop.simulator.http.EventInput;
import io.autoloop.simulator.http.RankRequest;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.world.RankingValue;
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
     * One ranking request, the user's reaction to its answer and, when the traffic knows the true click model, what
     * the answer is worth.
     *
     * @param logOffset when the visit happened relative to the first one in the replayed log, null for live traffic
     * @param truth the expected clicks of a ranking and of the oracle ranking of the request's candidates; null when
     *     the traffic has no true click model (a log replay)
     */
    record Planned(RankRequest request, Duration logOffset, Reaction reaction, Truth truth) {}

    /** The feedback a ranking leads to. */
    @FunctionalInterface
    interface Reaction {

        /** The events to send for this ranking, each after its delay; their timestamps are left to the runner. */
        List<PlannedEvent> to(RankResponse response);
    }

    /** The true click model's view of one visit. */
    @FunctionalInterface
    interface Truth {

        /** The expected clicks of showing these items in this order, and of the oracle ranking of the candidates. */
        RankingValue value(List<String> shownItemIds);
    }

    /** An event due {@code delay} after the ranking was shown; {@code timestamp} and {@code sentAt} are unset. */
    record PlannedEvent(Duration delay, EventInput event) {}
}
