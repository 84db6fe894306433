package io.autoloop.platform.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Consumes an {@link ApiKeyRequest} and produces the caller's {@link SecurityIdentity}: the principal is the
 * {@link Caller}'s name and its one role the caller's role. An unknown key fails with
 * {@link AuthenticationFailedException} (401). The keys are the service's {@link KeyRing} bean, which each service
 * produces from its configuration; a service without one (the error-analyzer) knows no key.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final KeyRing keys;

    public ApiKeyIdentityProvider(Instance<KeyRing> keys) {
        this.keys = keys.isResolvable() ? keys.get() : KeyRing.NONE;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        return keys.callerOf(request.key())
                .map(ApiKeyIdentityProvider::identityOf)
                .map(identity -> Uni.createFrom().item(identity))
                .orElseGet(() -> Uni.createFrom()
                        .failure(new AuthenticationFailedException("The bearer token is not a known key.")));
    }

    private static SecurityIdentity identityOf(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.name()))
                .addRole(caller.role())
                .build();
    }
}
