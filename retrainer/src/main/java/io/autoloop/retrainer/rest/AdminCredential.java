package io.autoloop.retrainer.rest;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the admin credential of {@code POST /v1/models/publish}: an {@code Authorization: Bearer <key>} header whose
 * SHA-256 equals {@code retrainer.admin-key-hash}, compared in constant time. Startup fails without that setting.
 */
@ApplicationScoped
@Startup
public class AdminCredential {

    static final String ACTOR = "admin";

    private final ApiKeys keys;

    public AdminCredential(RetrainerConfig config) {
        String hash = config.adminKeyHash()
                .orElseThrow(() -> new IllegalStateException("retrainer.admin-key-hash is not set: configure the hex"
                        + " SHA-256 of the admin key (printf %s KEY | sha256sum), e.g. through the environment variable"
                        + " AUTOLOOP_ADMIN_KEY_HASH."));
        this.keys = new ApiKeys(Map.of(ACTOR, hash));
    }

    /**
     * The actor behind {@code authorization}.
     *
     * @throws ProblemException 401 when the header is missing, not a bearer token or not the admin key
     */
    public String authenticate(String authorization) {
        Optional<String> token = Optional.ofNullable(authorization)
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(header -> header.substring(7).trim());
        return token.flatMap(keys::ownerOf)
                .orElseThrow(() -> new ProblemException(
                        401,
                        "Unauthorized",
                        token.isEmpty()
                                ? "This action needs the admin credential as 'Authorization: Bearer <admin key>'."
                                : "The bearer token is not the admin key.",
                        List.of(new FieldError("Authorization", "Send the admin key as a bearer token.")),
                        Map.of("WWW-Authenticate", "Bearer realm=\"autoloop-admin\"")));
    }
}
