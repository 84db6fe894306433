package io.autoloop.router.repository;

/**
 * The Redis keys of the router's refreshes, which only the router reads and writes (next to the registry keys of
 * {@code RedisKeys}, under the same {@code autoloop:model:{name}} prefix).
 */
public final class RefreshKeys {

    /** Refresh history entries kept per model; older ones are trimmed. */
    public static final int ENTRIES_KEPT = 500;

    private static final String MODEL = "autoloop:model:";

    private RefreshKeys() {}

    /** Hash: the arms the refresh guard watches, field = arm wire name, value = the {@code RefreshWatch} JSON. */
    public static String watches(String model) {
        return MODEL + model + ":refresh:watches";
    }

    /** Hash: the versions the refresh guard reverted, never applied again; field = version, value = the reason. */
    public static String reverted(String model) {
        return MODEL + model + ":refresh:reverted";
    }

    /** List: the model's newest {@value #ENTRIES_KEPT} {@code RefreshEntry} JSONs, oldest first. */
    public static String history(String model) {
        return MODEL + model + ":refresh:history";
    }
}
