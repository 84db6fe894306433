package io.autoloop.retrainer.domain;

import io.autoloop.contracts.LineageRef;
import io.autoloop.contracts.ModelMetrics;
import io.autoloop.learner.ModelSnapshot;

/**
 * A snapshot of the learner proposed as the next model version, with the gate's verdict and the metrics it would be
 * published with.
 *
 * @param lineage the lineage it belongs to
 * @param version the version it is published as if it passes (a rejected candidate consumes no version)
 * @param model the frozen weights and their provenance
 * @param verdict the validation gate's decision
 * @param metrics progressive validation metrics of the learner at the moment of the snapshot
 */
public record Candidate(
        LineageRef lineage, SemanticVersion version, ModelSnapshot model, GateVerdict verdict, ModelMetrics metrics) {}
