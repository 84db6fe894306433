package io.autoloop.router.repository;

import io.autoloop.contracts.Arm;

/** The Redis keys of DESIGN.md that the router reads and writes, each spelled once. */
public final class RedisKeys {

    /** The set of every experiment id. */
    public static final String EXPERIMENTS = "autoloop:experiments";

    private RedisKeys() {}

    /** Model bytes of one version, written by the retrainer. */
    public static String model(String name, String version) {
        return "autoloop:model:" + name + ":" + version;
    }

    /** The {@code ModelVersion} JSON of one version, written by the retrainer. */
    public static String modelMeta(String name, String version) {
        return model(name, version) + ":meta";
    }

    /** The sorted set of a model's versions by creation time, written by the retrainer. */
    public static String modelVersions(String name) {
        return "autoloop:model:" + name + ":versions";
    }

    /** The version an arm serves, written by the router's controller. */
    public static String alias(String name, Arm arm) {
        return "autoloop:model:" + name + ":alias:" + arm.wireName();
    }

    /** The id of the model's running experiment, absent when none runs. */
    public static String runningExperiment(String name) {
        return "autoloop:model:" + name + ":experiment";
    }

    /** The newest gate-passed version waiting for its experiment, as {@code ModelVersion} JSON. */
    public static String candidate(String name) {
        return "autoloop:model:" + name + ":candidate";
    }

    /** One experiment's state JSON. */
    public static String experiment(String id) {
        return "autoloop:experiment:" + id;
    }

    /** The newest analyses of one experiment as a list of {@code AnalysisPoint} JSON, oldest first. */
    public static String analyses(String id) {
        return experiment(id) + ":analyses";
    }

    /** The controller lease of one model: the holder's id, with an expiry. */
    public static String controllerLease(String name) {
        return "autoloop:lease:controller:" + name;
    }
}
