package io.autoloop.retrainer.service;

import io.autoloop.contracts.ModelMetrics;
import io.autoloop.contracts.TrainerHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What this retrainer instance is doing, as {@code GET /v1/models} shows it under {@code trainer}.
 *
 * @param role {@code starting}, {@code active} (holds the lease and trains), {@code standby}, {@code failing} or
 *     {@code stopped}
 * @param instance this instance's lease id
 * @param activeInstance the lease holder, as last seen
 * @param updatedAt when this status was taken
 * @param recordsConsumed records taken from the topic: trained, skipped without consent, malformed, refused as
 *     non-finite updates, and quarantined
 * @param samplesSeen samples trained
 * @param skippedNoConsent records skipped because {@code consent=false}
 * @param malformed records that were not valid samples (sent to {@code feedback.rejected})
 * @param nonFiniteUpdates samples the learner refused because learning them would have made its state non-finite (sent
 *     to {@code feedback.rejected})
 * @param quarantined records skipped because the training loop failed on each of them twice (sent to
 *     {@code feedback.rejected})
 * @param resumedFromSamples samples seen according to the checkpoint this term started from (0 when fresh)
 * @param samplesPerSecond trained samples per second since the previous status
 * @param progressive progressive validation of the learner (log loss, AUC, calibration, holdout log loss)
 * @param holdoutSamples samples in the holdout window
 * @param holdoutChampionLogLoss the champion's log loss over the holdout window
 * @param champion the champion the window is scored with
 * @param lastPublished the last version published by this trainer's history
 * @param offsets the next offset to read per partition
 * @param lastCheckpointAt when the state was last saved
 * @param lastError the last failure of the training loop, if it is failing
 * @param health whether training is healthy, stalled or failing, as this instance reports it to the router; null
 *     unless this instance is the active trainer or failing
 * @param lineages each active lineage's numbers, by ordinal; the numbers above are the first lineage's
 */
public record TrainerStatus(
        String role,
        String instance,
        String activeInstance,
        Instant updatedAt,
        long recordsConsumed,
        long samplesSeen,
        long skippedNoConsent,
        long malformed,
        long nonFiniteUpdates,
        long quarantined,
        long resumedFromSamples,
        double samplesPerSecond,
        ModelMetrics progressive,
        int holdoutSamples,
        double holdoutChampionLogLoss,
        String champion,
        String lastPublished,
        Map<String, Long> offsets,
        Instant lastCheckpointAt,
        String lastError,
        TrainerHealth health,
        List<LineageStatus> lineages) {

    /** The status of an instance that has not started training. */
    static TrainerStatus of(String role, String instance, String activeInstance, Instant at, String lastError) {
        return new TrainerStatus(
                role,
                instance,
                activeInstance,
                at,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0.0,
                null,
                0,
                Double.NaN,
                null,
                null,
                Map.of(),
                null,
                lastError,
                null,
                List.of());
    }

    /** Whether this instance trains or tries to: the active trainer, or failing and starting over. */
    boolean training() {
        return "active".equals(role) || "failing".equals(role);
    }

    /** This status with {@code health}. */
    TrainerStatus withHealth(TrainerHealth health) {
        return new TrainerStatus(
                role,
                instance,
                activeInstance,
                updatedAt,
                recordsConsumed,
                samplesSeen,
                skippedNoConsent,
                malformed,
                nonFiniteUpdates,
                quarantined,
                resumedFromSamples,
                samplesPerSecond,
                progressive,
                holdoutSamples,
                holdoutChampionLogLoss,
                champion,
                lastPublished,
                offsets,
                lastCheckpointAt,
                lastError,
                health,
                lineages);
    }
}
