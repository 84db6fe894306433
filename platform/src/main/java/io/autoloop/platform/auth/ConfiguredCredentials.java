package io.autoloop.platform.auth;

import io.autoloop.contracts.auth.ApiKeys;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The startup check of the credentials a service is configured with: consumes the pseudonymization secret and each key
 * hash with the property that set it, and refuses, with a sentence naming that property, an absent secret and, outside
 * the development profiles, the credentials published with Autoloop's source (the development secret and the hashes
 * of the development keys), which anyone can read.
 *
 * <p>The development profiles are {@code dev} and {@code test} and those whose parent they are ({@code local}); every
 * other profile, {@code prod} among them, refuses the published credentials.
 */
@Singleton
public final class ConfiguredCredentials {

    /** The pseudonymization secret of the dev, test and local profiles. */
    static final String PUBLISHED_SECRET = "autoloop-dev-pseudonymization-secret";

    /** The development and test keys whose hashes the application.properties of the services configure. */
    private static final Map<String, String> PUBLISHED_KEYS_BY_HASH = Stream.of(
                    "autoloop-dev-key",
                    "autoloop-dev-admin-key",
                    "autoloop-test-limited-key",
                    "autoloop-test-alice-admin-key")
            .collect(Collectors.toUnmodifiableMap(ApiKeys::hashOf, key -> key));

    private final boolean acceptsPublished;

    /** The check of the active profiles: published credentials are accepted in the development profiles only. */
    ConfiguredCredentials() {
        this(ConfigUtils.isProfileActive(LaunchMode.DEVELOPMENT.getDefaultProfile())
                || ConfigUtils.isProfileActive(LaunchMode.TEST.getDefaultProfile()));
    }

    private ConfiguredCredentials(boolean acceptsPublished) {
        this.acceptsPublished = acceptsPublished;
    }

    /** The check of a production profile, which refuses the published credentials. */
    public static ConfiguredCredentials production() {
        return new ConfiguredCredentials(false);
    }

    /** The check of a development profile, which accepts the published credentials. */
    public static ConfiguredCredentials development() {
        return new ConfiguredCredentials(true);
    }

    /**
     * The pseudonymization secret that {@code property} configures: refuses an absent or blank one, and the published
     * development secret outside the development profiles. Its length is the {@code Pseudonymizer}'s to judge.
     */
    public String secret(String property, Optional<String> configured) {
        String secret = configured
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalStateException("No pseudonymization secret is configured: set the"
                        + " environment variable AUTOLOOP_PSEUDONYMIZATION_SECRET (" + property + ") to at least 16"
                        + " bytes, the same value for every feedback-collector and ab-router."));
        if (!acceptsPublished && secret.equals(PUBLISHED_SECRET)) {
            throw new IllegalStateException(property + " is the development secret published with Autoloop's source,"
                    + " which only the dev and test profiles accept: set AUTOLOOP_PSEUDONYMIZATION_SECRET to a secret"
                    + " of your own, at least 16 bytes, the same for every feedback-collector and ab-router.");
        }
        return secret;
    }

    /**
     * Refuses, outside the development profiles, the key hashes that {@code property} configures (one, or several
     * separated by commas) when one is the hash of a key published with Autoloop's source.
     */
    public void keyHash(String property, String hexHashes) {
        if (acceptsPublished || hexHashes == null) {
            return;
        }
        for (String hash : ApiKeys.hashesIn(hexHashes)) {
            String key = PUBLISHED_KEYS_BY_HASH.get(hash.toLowerCase(Locale.ROOT));
            if (key != null) {
                throw new IllegalStateException(property + " is the hash of the key '" + key + "' published with"
                        + " Autoloop's source, which only the dev and test profiles accept: configure the SHA-256 of a"
                        + " key of your own (printf %s KEY | sha256sum).");
            }
        }
    }

    /** Applies {@link #keyHash} to the key hashes of each app or admin, naming each as {@code prefix."<name>"}. */
    public void keyHashes(String prefix, Map<String, String> hexHashesByName) {
        hexHashesByName.forEach((name, hashes) -> keyHash(prefix + ".\"" + name + "\"", hashes));
    }
}
