package io.autoloop.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request body limit of every endpoint of a service, {@code quarkus.http.limits.max-body-size}: consumes each
 * request once its credential has been judged and, when its body would be over the limit, produces a 413 problem
 * ({@code application/problem+json}) naming the limit.
 *
 * <ul>
 *   <li>A declared {@code Content-Length} over the limit is answered before a byte of the body is read
 *       ({@link EarlyAnswer}: the connection ends after the answer). A request without a bearer token hears this before
 *       the 401 of an endpoint that needs one.
 *   <li>A body without a declared length ({@code Transfer-Encoding: chunked}) of a caller with a known key is read here,
 *       up to the limit, and answered with the same problem the moment it goes over; the endpoint then reads the
 *       buffered body. A chunked body of a caller without a key is left unread for the endpoint, which refuses it with
 *       401 without reading it, or, on an open endpoint, for the server, which cuts it at the same limit with a
 *       {@code 413} without a body and closes the connection.
 * </ul>
 */
@ApplicationScoped
public class BodyLimit {

    /** After the credential check, before the server's own limit ({@link RouteConstants#ROUTE_ORDER_UPLOAD_LIMIT}). */
    public static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    /** Marks a request whose chunked body this gate reads, so that its 413 is the gate's to answer. */
    private static final String COUNTING = BodyLimit.class.getName() + ".counting";

    private final long maxBytes;
    private final BodyHandler chunked;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
        this.chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
    }

    /** The limit, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check).failureHandler(this::chunkedTooLarge);
    }

    private void check(RoutingContext routing) {
        String declared = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length = parse(declared);
            if (length > maxBytes) {
                tooLarge(routing, "The body has " + length + " bytes; at most " + maxBytes + " are allowed.");
                return;
            }
            routing.next();
            return;
        }
        if (routing.request().headers().contains(HttpHeaders.TRANSFER_ENCODING) && hasKey(routing)) {
            routing.put(COUNTING, Boolean.TRUE);
            chunked.handle(routing);
            return;
        }
        routing.next();
    }

    private void chunkedTooLarge(RoutingContext routing) {
        if (routing.statusCode() == 413
                && routing.get(COUNTING) != null
                && !routing.response().ended()) {
            tooLarge(routing, "The body goes on past " + maxBytes + " bytes; at most " + maxBytes + " are allowed.");
            return;
        }
        routing.next();
    }

    private void tooLarge(RoutingContext routing, String detail) {
        EarlyAnswer.problem(routing, 413, "Content Too Large", detail + " Send a smaller request.", "$");
    }

    private static boolean hasKey(RoutingContext routing) {
        return routing.user() instanceof QuarkusHttpUser user
                && !user.getSecurityIdentity().isAnonymous();
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
