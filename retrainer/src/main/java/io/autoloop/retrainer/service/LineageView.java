package io.autoloop.retrainer.service;

import io.autoloop.contracts.Lineage;
import io.autoloop.contracts.LineageConfig;
import io.autoloop.contracts.LineageRef;
import io.autoloop.retrainer.domain.GateDecision;
import java.time.Instant;
import java.util.List;

/**
 * One lineage as {@code GET /v1/models/{name}/lineages} shows it.
 *
 * @param ref its id (the configuration's fingerprint) and name
 * @param config its training configuration
 * @param ordinal its number within the model, the major of its versions
 * @param origin {@code config} for a configured default, else the admin who created it
 * @param createdAt when it was registered
 * @param state {@code active} or {@code retired}
 * @param retiredReason why it was retired, a sentence; null while active
 * @param currentVersion its newest version in the registry, or null
 * @param samplesSeen samples its learner trained: the active trainer's count on the instance that trains, else the
 *     count its current version was published with (0 without one)
 * @param refreshes its latest gate decisions, newest first, with their numbers
 */
public record LineageView(
        LineageRef ref,
        LineageConfig config,
        int ordinal,
        String origin,
        Instant createdAt,
        String state,
        String retiredReason,
        String currentVersion,
        long samplesSeen,
        List<GateDecision> refreshes) {

    static LineageView of(
            Lineage lineage,
            String retiredReason,
            String currentVersion,
            long samplesSeen,
            List<GateDecision> refreshes) {
        return new LineageView(
                lineage.ref(),
                lineage.config(),
                lineage.ordinal(),
                lineage.origin(),
                lineage.createdAt(),
                retiredReason == null ? "active" : "retired",
                retiredReason,
                currentVersion,
                samplesSeen,
                refreshes);
    }
}
