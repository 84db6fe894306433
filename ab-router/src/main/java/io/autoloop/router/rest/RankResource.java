package io.autoloop.router.rest;

import io.autoloop.router.service.RankRequest;
import io.autoloop.router.service.RankResponse;
import io.autoloop.router.service.RankingService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /v1/rank}: ranks an app's candidates for one of its users (app API key). */
@Path("/v1/rank")
public class RankResource {

    private final Credentials credentials;
    private final RankingService ranking;

    public RankResource(Credentials credentials, RankingService ranking) {
        this.credentials = credentials;
        this.ranking = ranking;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RankResponse rank(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, RankRequest request) {
        return ranking.rank(credentials.app(authorization), request);
    }
}
