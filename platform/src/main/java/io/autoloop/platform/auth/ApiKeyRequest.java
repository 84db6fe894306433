package io.autoloop.platform.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The bearer token of one request, handed from {@link ApiKeyMechanism} to {@link ApiKeyIdentityProvider}. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
