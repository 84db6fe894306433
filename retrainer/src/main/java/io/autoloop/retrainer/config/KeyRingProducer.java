package io.autoloop.retrainer.config;

import io.autoloop.platform.auth.ConfiguredCredentials;
import io.autoloop.platform.auth.KeyRing;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the keys the shared credential check accepts from {@link RetrainerConfig}: the admin key only (actor
 * {@link KeyRing#ADMIN}), for {@code POST /v1/models/publish}. Startup fails without it, and, outside the development
 * profiles, with the hash of a key published with the source ({@link ConfiguredCredentials}).
 */
@ApplicationScoped
public class KeyRingProducer {

    @Produces
    @ApplicationScoped
    @Startup
    KeyRing keys(RetrainerConfig config, ConfiguredCredentials credentials) {
        String adminKeyHash = config.adminKeyHash()
                .filter(hash -> !hash.isBlank())
                .orElseThrow(() -> new IllegalStateException("retrainer.admin-key-hash is not set: configure the hex"
                        + " SHA-256 of the admin key (printf %s KEY | sha256sum), e.g. through the environment variable"
                        + " AUTOLOOP_ADMIN_KEY_HASH."));
        credentials.keyHash("retrainer.admin-key-hash", adminKeyHash);
        return KeyRing.of(Map.of(), Optional.of(adminKeyHash));
    }
}
