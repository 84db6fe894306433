package io.autoloop.router.domain.rollout;

import java.util.Objects;

/**
 * What becomes of a new model version that passed the retrainer's gate ("a candidate"), given the lineage each arm
 * serves and the model's running experiment. A version of the lineage an arm serves is a fresher way of serving the
 * same configuration: it refreshes that arm at once, without an experiment. A version of another lineage is a
 * different way of training: it challenges the champion. One experiment per model runs at a time:
 *
 * <ul>
 *   <li>without a champion, the candidate becomes the champion at once (nothing to compare it with);
 *   <li>a version of the champion's lineage refreshes the champion (the champion alias moves to it);
 *   <li>a version of the running challenger's lineage refreshes the challenger (the experiment's challenger moves to
 *       it and the experiment goes on: its counts are the lineage's);
 *   <li>a version of another lineage, without a running experiment, becomes the challenger of a new experiment;
 *   <li>it replaces a challenger that is still waiting to be loaded (that experiment is rolled back as superseded):
 *       it has served nobody yet;
 *   <li>otherwise it waits until the running experiment ends; a newer version of its lineage replaces it.
 * </ul>
 *
 * Each lineage has a waiting candidate of its own, so a version of one lineage never displaces another's.
 *
 * A challenger that serves is never replaced by another lineage: each step needs its exposure and its impressions
 * before it can end, and replacing a serving challenger would restart the experiment. Its own lineage's
 * refreshes keep it fresh instead.
 */
public final class CandidatePolicy {

    /** The decision for one candidate. */
    public enum Decision {
        BECOME_CHAMPION,
        /** The candidate is a newer version of the champion's lineage. */
        REFRESH_CHAMPION,
        /** The candidate is a newer version of the running challenger's lineage. */
        REFRESH_CHALLENGER,
        START_EXPERIMENT,
        REPLACE_CHALLENGER,
        WAIT,
        /** The candidate is already the champion or the challenger. */
        IGNORE
    }

    /**
     * What the model serves when a candidate arrives.
     *
     * @param champion the champion version, null when there is none
     * @param championLineage the id of the champion's lineage, null when unknown
     * @param running the model's running (non-terminal) experiment, null when there is none
     * @param challengerLineage the id of the running challenger's lineage, null when none runs or it is unknown
     */
    public record Serving(String champion, String championLineage, Experiment running, String challengerLineage) {}

    private CandidatePolicy() {}

    /** The decision for {@code candidate} of the lineage {@code lineage} given what the model {@code serving}s. */
    public static Decision decide(Serving serving, String candidate, String lineage) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(lineage, "lineage");
        String champion = serving.champion();
        Experiment running = serving.running();
        if (candidate.equals(champion) || (running != null && candidate.equals(running.challenger()))) {
            return Decision.IGNORE;
        }
        if (champion == null && running == null) {
            return Decision.BECOME_CHAMPION;
        }
        if (champion != null && lineage.equals(serving.championLineage())) {
            return Decision.REFRESH_CHAMPION;
        }
        if (running != null && lineage.equals(serving.challengerLineage())) {
            return Decision.REFRESH_CHALLENGER;
        }
        if (running == null) {
            return Decision.START_EXPERIMENT;
        }
        return running.phase() == Phase.WAITING ? Decision.REPLACE_CHALLENGER : Decision.WAIT;
    }
}
