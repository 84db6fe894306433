package io.autoloop.retrainer.repository;

import io.autoloop.contracts.Arm;
import io.autoloop.contracts.RedisKeys;
import java.util.regex.Pattern;

/**
 * The {@link RedisKeys} of the one model this retrainer trains, with its name checked once: the name becomes part of
 * every key, so it may hold only characters that cannot run into another key or a pattern.
 *
 * <p>On a Redis Cluster, name the model with a hash tag (e.g. {@code {ctr}}) so that every key of the model lands in
 * one slot, which the atomic publish script needs.
 *
 * @param name the model name: letters, digits, {@code . _ - { }}
 */
public record RegistryKeys(String name) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._{}-]{1,100}");

    public RegistryKeys {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The model name '" + name
                    + "' must be 1 to 100 letters, digits, '.', '_', '-', '{' or '}'; set retrainer.model-name.");
        }
    }

    /** The model bytes of {@code version} ({@code ModelCodec} format): {@link RedisKeys#model}. */
    public String bytes(String version) {
        return RedisKeys.model(name, version);
    }

    /** The {@code ModelVersion} JSON of {@code version}: {@link RedisKeys#modelMeta}. */
    public String meta(String version) {
        return RedisKeys.modelMeta(name, version);
    }

    /** The versions scored by creation time in epoch milliseconds: {@link RedisKeys#modelVersions}. */
    public String versions() {
        return RedisKeys.modelVersions(name);
    }

    /** The champion version, written by the router's controller: {@link RedisKeys#alias}. */
    public String champion() {
        return RedisKeys.alias(name, Arm.CHAMPION);
    }

    /** The latest gate decisions as JSON, newest first: {@link RedisKeys#gateDecisions}. */
    public String gateDecisions() {
        return RedisKeys.gateDecisions(name);
    }

    /** The active trainer's health report, with an expiry: {@link RedisKeys#trainerHealth}. */
    public String health() {
        return RedisKeys.trainerHealth(name);
    }

    /** The trainer state and consumed offsets: {@link RedisKeys#checkpoint}. */
    public String checkpoint() {
        return RedisKeys.checkpoint(name);
    }

    /** The id of the active trainer, with an expiry: {@link RedisKeys#trainerLease}. */
    public String lease() {
        return RedisKeys.trainerLease(name);
    }
}
