package io.autoloop.router.rest;

import io.autoloop.platform.auth.Roles;
import io.autoloop.router.service.ranking.RankRequest;
import io.autoloop.router.service.ranking.RankResponse;
import io.autoloop.router.service.ranking.RankingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /v1/rank}: ranks an app's candidates for one of its users. Only an app's API key may call it; the key is
 * checked before the body is read, and the app it belongs to is the principal.
 */
@Path("/v1/rank")
public class RankResource {

    private final RankingService ranking;

    public RankResource(RankingService ranking) {
        this.ranking = ranking;
    }

    @APIResponse(
            responseCode = "200",
            description = "The ranking, with the decision id, the arm and the model version.")
    @APIResponse(responseCode = "400", description = "The request is invalid; the problem names the field.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "403", description = "The key is not an app's (problem+json).")
    @APIResponse(responseCode = "413", description = "The body is larger than the router accepts (problem+json).")
    @APIResponse(responseCode = "415", description = "The body is not JSON (problem+json).")
    @POST
    @RolesAllowed(Roles.APP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RankResponse rank(@Context SecurityContext caller, RankRequest request) {
        return ranking.rank(caller.getUserPrincipal().getName(), request);
    }
}
