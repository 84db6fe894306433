package io.autoloop.retrainer.service;

import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.learner.search.Comparison;
import java.time.Instant;
import java.util.List;

/**
 * The search's leaderboard as {@code GET /v1/models/{name}/search} shows it, as the active trainer last saw it. Losses
 * are progressive log losses in nats per sample over the recent window of paired samples; a number that is not finite
 * yet (no paired sample, or fewer than two for a bound) is null.
 *
 * @param enabled whether {@code retrainer.search.enabled} is set
 * @param running whether a search runs on this instance now
 * @param idleReason why none runs, a sentence; null while one runs
 * @param anchor the lineage whose learner is the search's champion (the champion's lineage, or the last graduate's);
 *     null while a graduate waits for its lineage
 * @param champion the configuration of the search's champion
 * @param graduateWaiting whether the champion is a graduated shadow whose lineage is being created
 * @param examples the samples the current search observed
 * @param restarts how many times the search started again around another lineage
 * @param shadows every live shadow, best mean difference first
 * @param events the latest proposals, retirements and graduations, newest first
 */
public record SearchView(
        boolean enabled,
        boolean running,
        String idleReason,
        LineageRef anchor,
        LineageConfig champion,
        boolean graduateWaiting,
        long examples,
        long restarts,
        List<Shadow> shadows,
        List<Event> events) {

    public SearchView {
        shadows = List.copyOf(shadows);
        events = List.copyOf(events);
    }

    /** Nothing seen yet on this instance (a standby, or before the first term). */
    static SearchView idle(boolean enabled, String reason) {
        return new SearchView(enabled, false, reason, null, null, false, 0, 0, List.of(), List.of());
    }

    /**
     * One live shadow.
     *
     * @param id the search's serial number for it
     * @param lineageId the id its lineage would have (its configuration's fingerprint)
     * @param config its configuration
     * @param since the search's sample count when it was proposed
     * @param age samples observed since then
     * @param comparison its paired comparison with the champion
     */
    public record Shadow(int id, String lineageId, LineageConfig config, long since, long age, Numbers comparison) {}

    /**
     * One decision of the search.
     *
     * @param at when this instance saw it
     * @param type {@code proposed}, {@code retired} or {@code graduated}
     * @param example the search's sample count when it decided
     * @param shadow the shadow's id
     * @param lineageId the id its lineage has or would have
     * @param config its configuration
     * @param reason {@code worse} or {@code lease-expired} for a retirement, {@code better} for a graduation, null for a
     *     proposal
     * @param warmStart for a proposal, whether it started from a copy of the champion's learner; else null
     * @param comparison the numbers it was decided on; null for a proposal
     */
    public record Event(
            Instant at,
            String type,
            long example,
            int shadow,
            String lineageId,
            LineageConfig config,
            String reason,
            Boolean warmStart,
            Numbers comparison) {}

    /**
     * A paired comparison's numbers, null where not finite.
     *
     * @param examples the paired samples in the window
     * @param championLoss the champion's mean loss on them
     * @param shadowLoss the shadow's mean loss on them
     * @param difference shadow minus champion: negative when the shadow predicted better
     * @param lower the lower confidence bound of the difference
     * @param upper the upper confidence bound of the difference
     */
    public record Numbers(
            long examples, Double championLoss, Double shadowLoss, Double difference, Double lower, Double upper) {

        static Numbers of(Comparison comparison) {
            return new Numbers(
                    comparison.examples(),
                    finite(comparison.championLoss()),
                    finite(comparison.challengerLoss()),
                    finite(comparison.difference()),
                    finite(comparison.lower()),
                    finite(comparison.upper()));
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }
}
