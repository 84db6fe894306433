package io.autoloop.learner.search;

import java.util.Objects;

/**
 * What an {@link OnlineSearch} decided after an example, with the numbers it decided on, for its driver to act on and
 * for an audit trail: a challenger proposed, retired or graduated.
 */
public sealed interface SearchEvent permits SearchEvent.Proposed, SearchEvent.Retired, SearchEvent.Graduated {

    /** The number of examples the search had observed when it decided. */
    long example();

    /** The candidate the event concerns. */
    Candidate candidate();

    /**
     * A new challenger: a perturbation of the champion's configuration, which learns from the next example on.
     *
     * @param champion the id of the champion it was proposed around
     * @param warmStart whether it starts from a copy of the champion's learner state (it hashes like the champion);
     *     otherwise it starts from zero
     */
    record Proposed(long example, Candidate candidate, int champion, boolean warmStart) implements SearchEvent {

        public Proposed {
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /**
     * A challenger stopped: it was confidently worse than the champion, or its lease of examples ran out before it
     * was confidently better.
     *
     * @param reason why
     * @param comparison its paired comparison with the champion at that moment
     */
    record Retired(long example, Candidate candidate, Reason reason, Comparison comparison) implements SearchEvent {

        public Retired {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /**
     * A challenger became the champion: the upper bound of its paired difference was below minus the margin. The
     * previous champion stops.
     *
     * @param previousChampion the champion it replaced
     * @param comparison its paired comparison with the previous champion
     */
    record Graduated(long example, Candidate candidate, Candidate previousChampion, Comparison comparison)
            implements SearchEvent {

        public Graduated {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(previousChampion, "previousChampion");
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /** Why a challenger was retired. */
    enum Reason {
        /** The lower bound of its paired difference with the champion was above 0. */
        WORSE,
        /** It observed its lease of examples without being confidently better. */
        LEASE_EXPIRED
    }
}
