package io.autoloop.collector.rest;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.service.IngestMetrics;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The front gate of {@code POST /v1/events}, beside the shared credential check, run on the event loop before the body
 * is read: it records every answer's latency by status ({@link IngestMetrics#request}), from before the credential
 * check so its 401s are counted too, and, once the key is judged, refuses a declared {@code Content-Length} over
 * {@code collector.limits.max-request-bytes} with 413 (before the server's own body limit) and closes the connection.
 * Such bodies are never buffered.
 */
@ApplicationScoped
public class IngestGate {

    static final String PATH = "/v1/events";

    /** Before the credential check (Quarkus orders security handlers by their negated priority). */
    private static final int TIMING_ORDER = -SecurityHandlerPriorities.AUTHENTICATION - 1;

    /** After the credential check, before the server's body limit. */
    private static final int LENGTH_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final IngestMetrics metrics;
    private final int maxRequestBytes;

    public IngestGate(IngestMetrics metrics, CollectorConfig config) {
        this.metrics = metrics;
        this.maxRequestBytes = config.limits().maxRequestBytes();
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, PATH).order(TIMING_ORDER).handler(this::time);
        router.route(HttpMethod.POST, PATH).order(LENGTH_ORDER).handler(this::checkLength);
    }

    private void time(RoutingContext routing) {
        long started = System.nanoTime();
        routing.addEndHandler(ended ->
                metrics.request(routing.response().getStatusCode(), Duration.ofNanos(System.nanoTime() - started)));
        routing.next();
    }

    private void checkLength(RoutingContext routing) {
        long declared = declaredLength(routing);
        if (declared > maxRequestBytes) {
            String detail = "The body has " + declared + " bytes; at most " + maxRequestBytes
                    + " are allowed per request. Split the events over several requests.";
            tooLarge(routing, detail);
            return;
        }
        routing.next();
    }

    /** Answers 413 and closes the connection, since the unread body would otherwise follow. */
    private static void tooLarge(RoutingContext routing, String detail) {
        Problem problem = new Problem(
                URI.create("about:blank"),
                "Content Too Large",
                413,
                detail,
                PATH,
                List.of(new FieldError("$", detail)));
        routing.addEndHandler(ended -> routing.request().connection().close());
        routing.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(ContractJson.write(problem)));
    }

    private static long declaredLength(RoutingContext routing) {
        String value = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
