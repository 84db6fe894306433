package io.autoloop.contracts;

/**
 * The Redis keys of the loop, each spelled once: every service and test builds its keys here. The strings are part of
 * the data in users' Redis, so a change to one is a migration. None expires unless its javadoc says so.
 *
 * <p>The app id in braces ({@code {appId}}) is a Redis Cluster hash tag, kept from when an app's de-duplication sets
 * shared its rate-limit bucket's slot (the collector keeps no such sets any more; renaming the key would be a
 * migration). On a Cluster, a model named with a hash tag (e.g.
 * {@code {ctr}}) has every key of its registry in one slot, which the retrainer's atomic publish needs.
 */
public final class RedisKeys {

    private static final String MODEL = "autoloop:model:";
    private static final String EXPERIMENT = "autoloop:experiment:";

    /**
     * Set of every experiment id, of every model. Written by the ab-router's controller with each experiment it
     * saves; read by the ab-router's admin API and dashboard, which remove the ids of experiments that expired.
     */
    public static final String EXPERIMENTS = "autoloop:experiments";

    private RedisKeys() {}

    /**
     * String: the bytes of one model version in the learner's {@code ModelCodec} format. Written once by the
     * retrainer's publish script; read by the ab-router to load the version and by the retrainer to serve them.
     */
    public static String model(String name, String version) {
        return MODEL + name + ":" + version;
    }

    /**
     * String: the {@link ModelVersion} JSON of one version. Written by the retrainer's publish script with the bytes;
     * read by the ab-router and the retrainer's model API.
     */
    public static String modelMeta(String name, String version) {
        return model(name, version) + ":meta";
    }

    /**
     * Sorted set: a model's versions scored by creation time in epoch milliseconds. Written by the retrainer's
     * publish script with the bytes; read by the ab-router (the newest version) and the retrainer.
     */
    public static String modelVersions(String name) {
        return MODEL + name + ":versions";
    }

    /**
     * String: the version an {@link Arm} serves, absent while no version does. Written by the ab-router's controller
     * in each rollout transaction; read by every ab-router replica and, for the champion, by the retrainer.
     */
    public static String alias(String name, Arm arm) {
        return MODEL + name + ":alias:" + arm.wireName();
    }

    /**
     * String: the id of a model's running experiment, absent while none runs. Written and read by the ab-router's
     * rollout transactions.
     */
    public static String runningExperiment(String name) {
        return MODEL + name + ":experiment";
    }

    /**
     * Hash: lineage id → the {@link ModelVersion} JSON of that lineage's newest gate-passed version waiting for the
     * router's controller (to refresh its arm, or to challenge once the running experiment ends); a field per
     * lineage, so that one lineage's version never displaces another's. Written and read by the ab-router's rollout
     * transactions; read by the retrainer's pruning.
     */
    public static String candidates(String name) {
        return MODEL + name + ":candidates";
    }

    /**
     * List: the retrainer's latest validation-gate decisions as JSON, newest first, trimmed to
     * {@code retrainer.gate.history-size}. Written and read (by {@code GET /v1/models/candidates}) by the retrainer.
     */
    public static String gateDecisions(String name) {
        return MODEL + name + ":gate";
    }

    /**
     * Hash: a model's lineages, field = lineage id, value = the {@link Lineage} JSON. Written by the retrainer (its
     * configured default at start, and {@code POST /v1/models/{name}/lineages}); read by the retrainer's training loop
     * and the ab-router's dashboard.
     */
    public static String lineages(String name) {
        return MODEL + name + ":lineages";
    }

    /**
     * Hash: a model's lineages that stopped training, field = lineage id, value = the reason as a sentence. Written by
     * the ab-router's controller when an experiment ends (the losing lineage) and by the retrainer's search; read by
     * the retrainer, which stops training a retired lineage, and the dashboard.
     */
    public static String retiredLineages(String name) {
        return MODEL + name + ":lineages:retired";
    }

    /**
     * Hash: the arms the ab-router's refresh guard watches after a refresh, field = arm wire name, value = the router's
     * watch JSON (the version served before, the refreshes since, the previous version's CTR). Written and read by the
     * router's controller.
     */
    public static String refreshWatches(String name) {
        return MODEL + name + ":refresh:watches";
    }

    /**
     * Hash: the versions the ab-router's refresh guard reverted, which it never applies again; field = version, value =
     * the reason as a sentence. Written and read by the router's controller.
     */
    public static String refreshReverted(String name) {
        return MODEL + name + ":refresh:reverted";
    }

    /**
     * List: the newest refreshes, keeps and reverts of the model's arms as JSON, oldest first. Written by the
     * ab-router's controller, read by its dashboard.
     */
    public static String refreshHistory(String name) {
        return MODEL + name + ":refresh:history";
    }

    /**
     * String with an expiry: the {@link TrainerHealth} JSON of a model's active trainer (healthy, stalled or failing,
     * with its numbers). Written by the retrainer's lease holder only (a fenced script) every
     * {@code retrainer.alert.report-every} and whenever its training loop fails, expiring a day after the last write;
     * read by the ab-router's dashboard, which raises an alert when it is stalled, failing, stale (past its
     * {@code staleAt}) or absent.
     */
    public static String trainerHealth(String name) {
        return MODEL + name + ":trainer";
    }

    /**
     * String: the active trainer's state and consumed offsets. Written by the retrainer's lease holder only (a fenced
     * script), read by the retrainer that takes the lease next.
     */
    public static String checkpoint(String name) {
        return "autoloop:checkpoint:" + name;
    }

    /**
     * String with an expiry: the id of the retrainer instance that is the active trainer of a model, expiring
     * {@code retrainer.lease.ttl} after its holder last renewed it. Written by the retrainer instances through the
     * platform's lease; read by the standbys and {@code GET /v1/models}.
     */
    public static String trainerLease(String name) {
        return "autoloop:lease:trainer:" + name;
    }

    /**
     * String with an expiry: the id of the ab-router replica that runs a model's experiment controller, expiring
     * {@code router.experiment.lease-ttl} after its holder last renewed it. Written and read by the ab-router replicas
     * through the platform's lease.
     */
    public static String controllerLease(String name) {
        return "autoloop:lease:controller:" + name;
    }

    /**
     * String: one experiment's state as JSON. Written by the ab-router's rollout transactions; read by its controller,
     * admin API and dashboard. Once the experiment has ended it expires {@code router.experiment.retention} after its
     * last write.
     */
    public static String experiment(String id) {
        return EXPERIMENT + id;
    }

    /**
     * List: the newest analyses of one experiment as {@code AnalysisPoint} JSON, oldest first, trimmed to the newest
     * 500. Appended by the ab-router's controller with each analysed state; read by the dashboard. Expires with its
     * experiment.
     */
    public static String analyses(String id) {
        return experiment(id) + ":analyses";
    }

    /**
     * Hash ({@code tokens}, {@code at}): the token bucket of one app's ingest rate. Written and read by the
     * feedback-collector's rate-limit script; expires once the bucket would be full again (its refill time plus a
     * second).
     */
    public static String rateLimit(String appId) {
        return "autoloop:ratelimit:{" + appId + "}";
    }

    /**
     * Hash ({@code fingerprint}, {@code app-ids}, {@code publisher}) with an expiry: the {@code PseudonymizationTerms}
     * in force for the feedback-collectors and ab-routers of one scope, published by the first of them to start while
     * none were, refreshed by each whose terms agree, and expiring a minute after the last such refresh. Written and
     * read by the platform's {@code PseudonymizationAgreement} in both services; the scope is their
     * {@code pseudonymization-scope}.
     */
    public static String pseudonymization(String scope) {
        return "autoloop:pseudonymization:" + scope;
    }

    /**
     * A {@code KEYS}/{@code SCAN} pattern of every key under a model's prefix: bytes and metadata of each version, the
     * version index, the aliases, the running experiment, the waiting candidates, the gate decisions and the trainer's health
     * (not the checkpoint and the leases). Tests delete a model with it.
     */
    public static String modelKeysPattern(String name) {
        return MODEL + name + ":*";
    }

    /** The id of the experiment whose {@link #experiment} key is {@code key}. */
    public static String experimentId(String key) {
        if (!key.startsWith(EXPERIMENT)) {
            throw new IllegalArgumentException(
                    "The Redis key '" + key + "' is not an experiment's: it does not start with " + EXPERIMENT + ".");
        }
        return key.substring(EXPERIMENT.length());
    }
}
