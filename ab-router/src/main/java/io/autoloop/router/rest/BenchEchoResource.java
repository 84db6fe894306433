package io.autoloop.router.rest;

import io.autoloop.router.service.ranking.RankRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /bench/echo}: the benchmark's baseline, a bare endpoint in the same process that parses a ranking
 * request into the same records and returns it. Reached only when {@code router.bench.echo-enabled=true}: otherwise
 * {@link BenchEchoGate} answers 404 before the body is read.
 */
@Path(BenchEchoGate.PATH)
public class BenchEchoResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RankRequest echo(RankRequest request) {
        return request;
    }
}
