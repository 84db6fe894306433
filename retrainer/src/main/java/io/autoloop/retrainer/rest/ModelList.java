package io.autoloop.retrainer.rest;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.retrainer.service.TrainerStatus;
import java.util.List;

/**
 * The answer of {@code GET /v1/models}.
 *
 * @param name the model name
 * @param champion the champion alias, or the newest version when the router named none
 * @param versions published versions with their metrics, newest first
 * @param trainer what this instance's trainer is doing
 */
public record ModelList(String name, String champion, List<ModelVersion> versions, TrainerStatus trainer) {}
