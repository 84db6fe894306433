package io.autoloop.router.repository;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.domain.rollout.Experiment;

/**
 * What Redis says about one model's rollout, read inside one optimistic transaction.
 *
 * @param champion the champion alias, null when unset
 * @param running the model's running experiment, null when none runs
 * @param candidate the newest gate-passed version waiting for an experiment, null when none waits
 */
public record RolloutState(String champion, Experiment running, ModelVersion candidate) {}
