package io.autoloop.learner.search;

import java.util.Objects;

/**
 * A configuration that an {@link OnlineSearch} trains: the champion or a challenger, under the id by which the
 * search's events and its driver's learners know it.
 *
 * @param id the search's serial number for it: 0 for the start configuration, then 1, 2, … in order of proposal
 * @param configuration how it trains
 * @param since the number of examples the search had observed when it started: it learns from the next one on
 */
public record Candidate(int id, Configuration configuration, long since) {

    public Candidate {
        Objects.requireNonNull(configuration, "configuration");
    }
}
