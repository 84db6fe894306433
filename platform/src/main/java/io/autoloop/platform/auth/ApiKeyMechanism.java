package io.autoloop.platform.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * The credential check of every service: consumes the {@code Authorization: Bearer <key>} header and produces the
 * request's identity through {@link ApiKeyIdentityProvider}. Quarkus runs it proactively
 * ({@code quarkus.http.auth.proactive}, on by default), as a route handler before any resource is matched, so a key
 * is judged before a byte of the body is read: an unknown key is refused there with 401, and a request without a
 * bearer token stays anonymous, which open endpoints answer and {@code @RolesAllowed} ones refuse (401, or 403 for a
 * key of another role) before they read the body. {@link SecurityProblemMapper} writes those answers.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    /** The {@code WWW-Authenticate} challenge of every 401. */
    static final String CHALLENGE = "Bearer realm=\"autoloop\"";

    private static final HttpCredentialTransport TRANSPORT =
            new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer");

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Optional<String> key = BearerToken.in(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (key.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key.get()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(TRANSPORT);
    }
}
