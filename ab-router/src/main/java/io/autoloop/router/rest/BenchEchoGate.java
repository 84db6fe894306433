package io.autoloop.router.rest;

import io.autoloop.platform.http.BodyLimit;
import io.autoloop.platform.http.EarlyAnswer;
import io.autoloop.router.config.RouterConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the benchmark's {@code /bench/echo} closed unless {@code router.bench.echo-enabled=true}: consumes every request
 * to that path, before its body is read (and before the body limit), and answers a disabled one 404 with a problem,
 * so that nobody can make the router parse a body for nothing.
 */
@ApplicationScoped
public class BenchEchoGate {

    static final String PATH = "/bench/echo";

    private final boolean enabled;

    public BenchEchoGate(RouterConfig config) {
        this.enabled = config.bench().echoEnabled();
    }

    void install(@Observes Router router) {
        router.route(PATH).order(BodyLimit.ORDER - 1).handler(this::check);
    }

    private void check(RoutingContext routing) {
        if (enabled) {
            routing.next();
            return;
        }
        EarlyAnswer.problem(
                routing,
                404,
                "Not Found",
                "The benchmark echo endpoint is disabled (router.bench.echo-enabled).",
                "path");
    }
}
