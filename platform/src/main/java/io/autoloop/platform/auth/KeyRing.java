package io.autoloop.platform.auth;

import io.autoloop.contracts.auth.ApiKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys one service accepts: consumes a presented key and produces the {@link Caller} it belongs to, an app
 * ({@link Roles#APP}, named by its app id) or an admin ({@link Roles#ADMIN}, named by the admin's name). Both sets
 * are always searched in full ({@link ApiKeys} compares in constant time), so the time taken does not tell an app key
 * from an admin key; a key configured in both is taken as the app's.
 */
public final class KeyRing {

    /** The name of the admin whose key is configured without a name: the actor its actions are recorded under. */
    public static final String ADMIN = "admin";

    /** No key at all: every bearer token is unknown (a service without protected endpoints). */
    public static final KeyRing NONE = new KeyRing(new ApiKeys(Map.of()), new ApiKeys(Map.of()));

    private final ApiKeys apps;
    private final ApiKeys admins;

    /** {@code apps} resolve keys to app ids, {@code admins} to admins' names. */
    public KeyRing(ApiKeys apps, ApiKeys admins) {
        this.apps = apps;
        this.admins = admins;
    }

    /**
     * The keys as the services configure them: app id → hex SHA-256 of its key, and the hex SHA-256 of the admin key
     * (named {@link #ADMIN}); an absent or blank admin hash means no key is an admin's.
     */
    public static KeyRing of(Map<String, String> appKeyHashes, Optional<String> adminKeyHash) {
        return of(appKeyHashes, adminKeyHash, Map.of());
    }

    /**
     * As {@link #of(Map, Optional)}, with named admins besides: admin name → hex SHA-256 of that admin's key, each
     * admin the actor of its own actions. The name {@link #ADMIN} is the unnamed key's when that one is configured.
     */
    public static KeyRing of(
            Map<String, String> appKeyHashes, Optional<String> adminKeyHash, Map<String, String> namedAdminKeyHashes) {
        Map<String, String> admins = new HashMap<>(namedAdminKeyHashes);
        adminKeyHash.filter(hash -> !hash.isBlank()).ifPresent(hash -> {
            if (admins.containsKey(ADMIN)) {
                throw new IllegalStateException("An admin named '" + ADMIN + "' is configured besides the unnamed admin"
                        + " key, whose actor is '" + ADMIN + "': give that admin another name.");
            }
            admins.put(ADMIN, hash);
        });
        return new KeyRing(new ApiKeys(appKeyHashes), new ApiKeys(admins));
    }

    /** Whom {@code key} belongs to, or empty for an unknown key. */
    public Optional<Caller> callerOf(String key) {
        Optional<String> app = apps.ownerOf(key);
        Optional<String> admin = admins.ownerOf(key);
        if (app.isPresent()) {
            return Optional.of(new Caller(app.get(), Roles.APP));
        }
        return admin.map(name -> new Caller(name, Roles.ADMIN));
    }
}
