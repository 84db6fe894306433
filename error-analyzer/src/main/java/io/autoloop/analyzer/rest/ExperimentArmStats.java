package io.autoloop.analyzer.rest;

import io.autoloop.contracts.ArmStats;
import java.util.List;

/** The answer of {@code GET /v1/experiments/{id}/arm-stats}: both arms, champion first. */
public record ExperimentArmStats(String experimentId, List<ArmStats> arms) {}
