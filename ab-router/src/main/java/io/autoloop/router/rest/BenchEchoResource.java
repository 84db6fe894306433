package io.autoloop.router.rest;

import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.service.ranking.RankRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /bench/echo}: the benchmark's baseline, a bare endpoint in the same process that parses a ranking
 * request into the same records and returns it. Answers 404 unless {@code router.bench.echo-enabled=true}.
 */
@Path("/bench/echo")
public class BenchEchoResource {

    private final boolean enabled;

    public BenchEchoResource(RouterConfig config) {
        this.enabled = config.bench().echoEnabled();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RankRequest echo(RankRequest request) {
        if (!enabled) {
            throw new NotFoundException("The benchmark echo endpoint is disabled (router.bench.echo-enabled).");
        }
        return request;
    }
}
