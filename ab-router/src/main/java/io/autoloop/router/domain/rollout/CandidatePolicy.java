package io.autoloop.router.domain.rollout;

/**
 * What becomes of a new model version that passed the retrainer's gate ("a candidate"), given the model's running
 * experiment. One experiment per model runs at a time:
 *
 * <ul>
 *   <li>without a champion, the candidate becomes the champion at once (nothing to compare it with);
 *   <li>without a running experiment, it becomes the challenger of a new experiment;
 *   <li>it replaces a challenger that is still waiting to be loaded (that experiment is rolled back as superseded):
 *       it has served nobody yet;
 *   <li>otherwise it waits until the running experiment ends; a newer candidate replaces a waiting one.
 * </ul>
 *
 * A challenger that serves is never replaced: each step needs the attribution lag and its impressions before it can
 * end, and the retrainer publishes far more often than that (every minute against a 35-minute lag by default), so
 * replacing a serving challenger would restart the experiment for ever and no version would be promoted.
 */
public final class CandidatePolicy {

    /** The decision for one candidate. */
    public enum Decision {
        BECOME_CHAMPION,
        START_EXPERIMENT,
        REPLACE_CHALLENGER,
        WAIT,
        /** The candidate is already the champion or the challenger. */
        IGNORE
    }

    private CandidatePolicy() {}

    /**
     * @param champion the champion version, null when there is none
     * @param running the model's running (non-terminal) experiment, null when there is none
     * @param candidate the candidate version
     */
    public static Decision decide(String champion, Experiment running, String candidate) {
        if (candidate.equals(champion) || (running != null && candidate.equals(running.challenger()))) {
            return Decision.IGNORE;
        }
        if (champion == null && running == null) {
            return Decision.BECOME_CHAMPION;
        }
        if (running == null) {
            return Decision.START_EXPERIMENT;
        }
        return running.phase() == Phase.WAITING ? Decision.REPLACE_CHALLENGER : Decision.WAIT;
    }
}
