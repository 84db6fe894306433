package io.autoloop.router.rest;

import io.autoloop.contracts.auth.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Checks {@code Authorization: Bearer <key>} headers: app API keys for ranking, the separate admin key for the
 * experiment API. Keys are compared as SHA-256 hashes in constant time ({@link ApiKeys}).
 */
@ApplicationScoped
public class Credentials {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apps;
    private final ApiKeys admin;

    public Credentials(@Named("apps") ApiKeys apps, @Named("admin") ApiKeys admin) {
        this.apps = apps;
        this.admin = admin;
    }

    /** The app whose API key {@code authorization} carries. */
    public String app(String authorization) {
        return apps.ownerOf(token(authorization))
                .orElseThrow(() -> new UnauthorizedException(
                        "A valid app API key is required: send" + " 'Authorization: Bearer <key>'."));
    }

    /** The admin actor when {@code authorization} carries the admin key. */
    public String admin(String authorization) {
        return admin.ownerOf(token(authorization))
                .orElseThrow(() -> new UnauthorizedException(
                        "The admin key is required: send" + " 'Authorization: Bearer <admin key>'."));
    }

    private static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }
}
