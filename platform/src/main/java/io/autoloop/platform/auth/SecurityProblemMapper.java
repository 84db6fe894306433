package io.autoloop.platform.auth;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Consumes the refusals of the credential check (Quarkus Security's exceptions) and produces the RFC 9457 answers of
 * every service ({@code application/problem+json}, the {@link Problem} each service's own mapper writes): 401 with
 * {@code WWW-Authenticate} for a request without a bearer token or with an unknown key, 403 for a key whose role the
 * endpoint does not allow. The detail says which of these it is and which key the endpoint needs. A refused request's
 * body is never read: the connection is closed after the answer instead.
 */
public class SecurityProblemMapper {

    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Response unknownKey(AuthenticationFailedException refusal, RoutingContext routing) {
        return unauthorized(routing, "The bearer token is not a key this service knows; check the key.");
    }

    @ServerExceptionMapper(priority = Priorities.AUTHENTICATION)
    public Response noKey(UnauthorizedException refusal, ResourceInfo resource, RoutingContext routing) {
        return unauthorized(
                routing,
                "The request has no bearer token: send " + keyFor(requiredRole(resource))
                        + " as 'Authorization: Bearer <key>'.");
    }

    @ServerExceptionMapper(priority = Priorities.AUTHORIZATION)
    public Response wrongRole(ForbiddenException refusal, ResourceInfo resource, RoutingContext routing) {
        String held =
                heldKey(routing).map(key -> ", but the bearer token is " + key).orElse("");
        String detail = "This endpoint needs " + keyFor(requiredRole(resource)) + held + ".";
        return answer(routing, 403, "Forbidden", detail).build();
    }

    private static Response unauthorized(RoutingContext routing, String detail) {
        Response.ResponseBuilder answer = answer(routing, 401, "Unauthorized", detail);
        // A refusal of the proactive check arrives with the mechanism's challenge already set.
        if (!routing.response().headers().contains(HttpHeaders.WWW_AUTHENTICATE)) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyMechanism.CHALLENGE);
        }
        return answer.build();
    }

    private static Response.ResponseBuilder answer(RoutingContext routing, int status, String title, String detail) {
        Problem problem = new Problem(
                URI.create("about:blank"),
                title,
                status,
                detail,
                routing.normalizedPath(),
                List.of(new FieldError(HttpHeaders.AUTHORIZATION, detail)));
        Response.ResponseBuilder answer =
                Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (!routing.request().isEnded()) {
            // The body was not read and will not be: end the connection rather than receive it.
            answer.header("Connection", "close");
            routing.addEndHandler(ended -> routing.request().connection().close());
        }
        return answer;
    }

    /** The role the endpoint's {@code @RolesAllowed} names (on the method, else on the class), if any. */
    private static Optional<String> requiredRole(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        RolesAllowed allowed = method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class)
                : resource.getResourceClass().getAnnotation(RolesAllowed.class);
        return allowed == null || allowed.value().length == 0 ? Optional.empty() : Optional.of(allowed.value()[0]);
    }

    private static String keyFor(Optional<String> role) {
        return role.map(name -> switch (name) {
                    case Roles.APP -> "an app's API key";
                    case Roles.ADMIN -> "the admin key";
                    default -> "a key of role '" + name + "'";
                })
                .orElse("a key");
    }

    /** Whose key the request's bearer token is, as a phrase. */
    private static Optional<String> heldKey(RoutingContext routing) {
        if (!(routing.user() instanceof QuarkusHttpUser user)) {
            return Optional.empty();
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        String name = identity.getPrincipal().getName();
        return Optional.of(
                identity.hasRole(Roles.ADMIN)
                        ? "the admin key of '" + name + "'"
                        : "the API key of app '" + name + "'");
    }
}
