package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LineageConfig;
import io.autoloop.learner.search.Comparison;
import java.util.List;

/**
 * The search's leaderboard at one moment, as the {@link ShadowSearch} sees it: what it is anchored to and every live
 * shadow with its paired comparison against the search's champion.
 *
 * @param running whether a search runs; false before the first lineage trains, when disabled, or when the champion's
 *     configuration lies outside the searched space
 * @param idleReason why no search runs, a sentence; null while one runs
 * @param anchor the id of the lineage whose learner is the search's champion; null while a graduate waits for its
 *     lineage (or no search runs)
 * @param champion the configuration of the search's champion; null when no search runs
 * @param graduateWaiting whether the champion is a graduated shadow whose lineage is not created yet
 * @param examples the examples the current search observed
 * @param restarts how many times the search was started again around another lineage
 * @param shadows every live shadow, by id
 */
public record SearchStandings(
        boolean running,
        String idleReason,
        String anchor,
        LineageConfig champion,
        boolean graduateWaiting,
        long examples,
        long restarts,
        List<Shadow> shadows) {

    public SearchStandings {
        shadows = List.copyOf(shadows);
    }

    /**
     * One live shadow.
     *
     * @param id the search's serial number for it
     * @param config the lineage configuration it trains with
     * @param since the search's example count when it was proposed
     * @param age the examples observed since it was proposed
     * @param comparison its paired progressive log loss against the champion over the recent window, with the bounds
     */
    public record Shadow(int id, LineageConfig config, long since, long age, Comparison comparison) {}
}
