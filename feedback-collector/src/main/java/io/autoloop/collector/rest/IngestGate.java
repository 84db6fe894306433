package io.autoloop.collector.rest;

import io.autoloop.collector.service.IngestMetrics;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * The front gate of {@code POST /v1/events}, run on the event loop before the shared credential check: it records
 * every answer's latency by status ({@link IngestMetrics#request}), so the check's 401s and the body limit's 413s
 * (the platform's {@code BodyLimit}, answered before the body is read) are counted too.
 */
@ApplicationScoped
public class IngestGate {

    static final String PATH = "/v1/events";

    /** Before the credential check (Quarkus orders security handlers by their negated priority). */
    private static final int TIMING_ORDER = -SecurityHandlerPriorities.AUTHENTICATION - 1;

    private final IngestMetrics metrics;

    public IngestGate(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, PATH).order(TIMING_ORDER).handler(this::time);
    }

    private void time(RoutingContext routing) {
        long started = System.nanoTime();
        routing.addEndHandler(ended ->
                metrics.request(routing.response().getStatusCode(), Duration.ofNanos(System.nanoTime() - started)));
        routing.next();
    }
}
