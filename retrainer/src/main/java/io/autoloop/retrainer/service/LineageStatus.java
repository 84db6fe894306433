package io.autoloop.retrainer.service;

import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.retrainer.domain.Trainer;

/**
 * What the active trainer does for one lineage, as {@code GET /v1/models} shows it under {@code trainer.lineages} and
 * {@code GET /v1/models/{name}/lineages} under each lineage's {@code training}.
 *
 * @param lineage the lineage
 * @param ordinal its ordinal, the major of its versions
 * @param recordsConsumed records its trainer took since the lineage started training (or since its checkpoint)
 * @param samplesSeen samples its learner trained
 * @param nonFiniteUpdates samples its learner refused
 * @param lastPublished its last published version, or null
 * @param progressive its learner's progressive validation
 */
public record LineageStatus(
        LineageRef lineage,
        int ordinal,
        long recordsConsumed,
        long samplesSeen,
        long nonFiniteUpdates,
        String lastPublished,
        ModelMetrics progressive) {

    /** The status of {@code trainer} now; computes its AUC. */
    static LineageStatus of(Trainer trainer) {
        return new LineageStatus(
                trainer.lineage().ref(),
                trainer.lineage().ordinal(),
                trainer.recordsConsumed(),
                trainer.samplesSeen(),
                trainer.nonFiniteUpdates(),
                trainer.lastVersion(),
                trainer.metrics());
    }
}
