package io.autoloop.retrainer.config;

import io.autoloop.platform.auth.ConfiguredCredentials;
import io.autoloop.platform.auth.KeyRing;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the keys the shared credential check accepts from {@link RetrainerConfig}: admin keys only, the unnamed one
 * (actor {@link KeyRing#ADMIN}) and the named admins', for {@code POST /v1/models/publish}. Startup fails without any,
 * and, outside the development profiles, with the hash of a key published with the source
 * ({@link ConfiguredCredentials}).
 */
@ApplicationScoped
public class KeyRingProducer {

    @Produces
    @ApplicationScoped
    @Startup
    KeyRing keys(RetrainerConfig config, ConfiguredCredentials credentials) {
        Optional<String> adminKeyHash = config.adminKeyHash().filter(hash -> !hash.isBlank());
        if (adminKeyHash.isEmpty() && config.adminKeys().isEmpty()) {
            throw new IllegalStateException("retrainer.admin-key-hash is not set: configure the hex SHA-256 of the"
                    + " admin key (printf %s KEY | sha256sum), e.g. through the environment variable"
                    + " AUTOLOOP_ADMIN_KEY_HASH, or named admins' keys as retrainer.admin-keys.\"<name>\".");
        }
        adminKeyHash.ifPresent(hash -> credentials.keyHash("retrainer.admin-key-hash", hash));
        credentials.keyHashes("retrainer.admin-keys", config.adminKeys());
        return KeyRing.of(Map.of(), adminKeyHash, config.adminKeys());
    }
}
