package io.autoloop.router.config;

import io.autoloop.contracts.privacy.Pseudonymizer;
import io.autoloop.platform.auth.ConfiguredCredentials;
import io.autoloop.platform.auth.KeyRing;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Builds the pseudonymizer and the keys the shared credential check accepts from {@link RouterConfig}, failing at
 * startup when the secret is unset, no app key is configured, a key hash is malformed, or, outside the development
 * profiles, a credential is one published with the source ({@link ConfiguredCredentials}).
 */
@ApplicationScoped
public class SecurityProducers {

    /** Made at startup, so that an unusable secret stops the router rather than failing the first ranking request. */
    @Produces
    @ApplicationScoped
    @Startup
    Pseudonymizer pseudonymizer(RouterConfig config, ConfiguredCredentials credentials) {
        return new Pseudonymizer(credentials.secret("router.pseudonymization-secret", config.pseudonymizationSecret()));
    }

    /**
     * App keys for {@code POST /v1/rank}, and for the experiment API the unnamed admin key (actor
     * {@link KeyRing#ADMIN}) and the named admins' keys (each its own actor); without any admin key every admin call is refused, without an
     * app key the router refuses to start.
     */
    @Produces
    @ApplicationScoped
    @Startup
    KeyRing keys(RouterConfig config, ConfiguredCredentials credentials) {
        if (config.apiKeys().isEmpty()) {
            throw new IllegalStateException("No API key is configured, so no app could rank: set"
                    + " router.api-keys.\"<appId>\" to the SHA-256 of each app's key (printf %s KEY | sha256sum), the"
                    + " same app ids as the feedback-collector's.");
        }
        credentials.keyHashes("router.api-keys", config.apiKeys());
        config.adminKeyHash().ifPresent(hash -> credentials.keyHash("router.admin-key-hash", hash));
        credentials.keyHashes("router.admin-keys", config.adminKeys());
        return KeyRing.of(config.apiKeys(), config.adminKeyHash(), config.adminKeys());
    }
}
