package io.autoloop.collector.rest;

import io.autoloop.collector.config.CollectorConfig;
import io.autoloop.collector.service.IngestMetrics;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import io.autoloop.contracts.auth.ApiKeys;
import io.autoloop.contracts.json.ContractJson;
import io.quarkus.vertx.http.runtime.RouteConstants;
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
import java.util.Locale;

/**
 * The front gate of {@code POST /v1/events}, run on the event loop before the body is read (and before the
 * server's own body limit): authenticates the API key ({@code Authorization: Bearer <key>}, else 401),
 * refuses a declared {@code Content-Length} over {@code collector.limits.max-request-bytes} (413), hands the
 * app id to the resource, and records every answer's latency by status. Unauthenticated bodies are never
 * buffered.
 */
@ApplicationScoped
public class IngestGate {

    static final String PATH = "/v1/events";
    private static final String APP_ID = IngestGate.class.getName() + ".appId";
    private static final String BEARER = "bearer ";

    private final ApiKeys apiKeys;
    private final IngestMetrics metrics;
    private final int maxRequestBytes;

    public IngestGate(ApiKeys apiKeys, IngestMetrics metrics, CollectorConfig config) {
        this.apiKeys = apiKeys;
        this.metrics = metrics;
        this.maxRequestBytes = config.limits().maxRequestBytes();
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, PATH)
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::check);
    }

    /** The app authenticated for this request; set for every request that reaches the resource. */
    static String appOf(RoutingContext routing) {
        String appId = routing.get(APP_ID);
        if (appId == null) {
            throw new IllegalStateException("No app is authenticated on this request; IngestGate must run first.");
        }
        return appId;
    }

    private void check(RoutingContext routing) {
        long started = System.nanoTime();
        routing.addEndHandler(ended ->
                metrics.request(routing.response().getStatusCode(), Duration.ofNanos(System.nanoTime() - started)));
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            unauthorized(routing, "Send the app's API key as 'Authorization: Bearer <key>'.");
            return;
        }
        var appId = apiKeys.ownerOf(authorization.substring(BEARER.length()).trim());
        if (appId.isEmpty()) {
            unauthorized(routing, "The API key is not known; check the app's key.");
            return;
        }
        long declared = declaredLength(routing);
        if (declared > maxRequestBytes) {
            String detail = "The body has " + declared + " bytes; at most " + maxRequestBytes
                    + " are allowed per request. Split the events over several requests.";
            answer(routing, 413, "Content Too Large", detail, List.of(new FieldError("$", detail)));
            return;
        }
        routing.put(APP_ID, appId.get());
        routing.next();
    }

    private static void unauthorized(RoutingContext routing, String detail) {
        routing.response().putHeader("WWW-Authenticate", "Bearer realm=\"autoloop\"");
        answer(routing, 401, "Unauthorized", detail, List.of());
    }

    /** Answers with a problem; closes the connection since the unread body would otherwise follow. */
    private static void answer(
            RoutingContext routing, int status, String title, String detail, List<FieldError> errors) {
        Problem problem = new Problem(URI.create("about:blank"), title, status, detail, PATH, errors);
        routing.response()
                .setStatusCode(status)
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
