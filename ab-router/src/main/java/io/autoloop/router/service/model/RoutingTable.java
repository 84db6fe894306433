package io.autoloop.router.service.model;

import io.autoloop.contracts.Arm;
import io.autoloop.router.domain.serving.Bucketing;

/**
 * What one ranking request needs to pick its arm and model, read once per request: the champion, and the running
 * experiment's challenger with its weight. Immutable; replaced as a whole.
 *
 * @param champion the champion model, null before any model is loaded
 * @param experimentId the experiment whose challenger serves, null when none does
 * @param challenger the challenger model, null when it does not serve or is not loaded on this replica yet
 */
public record RoutingTable(
        LoadedModel champion, String experimentId, String seed, int challengerBuckets, LoadedModel challenger) {

    /** No model, no experiment. */
    public static final RoutingTable EMPTY = new RoutingTable(null, null, null, 0, null);

    /** The arm and model of one pseudonymous user. */
    public record Assignment(String experimentId, Arm arm, LoadedModel model) {}

    /**
     * The arm that serves {@code userId}: the challenger for users in its buckets when it is loaded here; the
     * champion otherwise (then logged as the champion, which is what they were served).
     */
    public Assignment assign(String userId) {
        if (experimentId == null) {
            return new Assignment(null, Arm.CHAMPION, champion);
        }
        Arm arm = Bucketing.armOf(Bucketing.bucketOf(seed, userId), challengerBuckets);
        if (arm == Arm.CHALLENGER && challenger != null) {
            return new Assignment(experimentId, Arm.CHALLENGER, challenger);
        }
        return new Assignment(experimentId, Arm.CHAMPION, champion);
    }
}
