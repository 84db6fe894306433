package io.autoloop.analyzer.rest;

import io.autoloop.analyzer.repository.ArmStatsRepository;
import io.autoloop.analyzer.repository.KeyOwners;
import io.autoloop.analyzer.state.StoreNames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /v1/experiments/{id}/arm-stats}: the latest cumulative and windowed counts of an experiment's arms. */
@Path("/v1/experiments/{id}/arm-stats")
@Produces(MediaType.APPLICATION_JSON)
public class ArmStatsResource {

    private final ArmStatsRepository armStats;
    private final KeyOwners owners;
    private final Forwarder forwarder;

    ArmStatsResource(ArmStatsRepository armStats, KeyOwners owners, Forwarder forwarder) {
        this.armStats = armStats;
        this.owners = owners;
        this.forwarder = forwarder;
    }

    /** Both arms of experiment {@code id}, champion first; 404 when none of its samples has been counted. */
    @APIResponse(responseCode = "200", description = "Both arms of the experiment, champion first.")
    @APIResponse(responseCode = "401", description = "A credential was sent: the analyzer knows none (problem+json).")
    @APIResponse(responseCode = "404", description = "No sample of the experiment has been counted (problem+json).")
    @APIResponse(
            responseCode = "503",
            description =
                    "The instance that holds the key cannot be reached, or the stores are rebalancing (problem+json, Retry-After).")
    @GET
    public Response armStats(
            @PathParam("id") String experimentId,
            @HeaderParam(Forwarder.HEADER) String forwarded,
            @Context UriInfo uri) {
        if (forwarded == null) {
            var owner = owners.remoteOwner(StoreNames.ARM_STATS_TOTALS, experimentId);
            if (owner.isPresent()) {
                return forwarder.forward(owner.get(), uri.getRequestUri());
            }
        }
        return armStats.latest(experimentId)
                .map(arms ->
                        Response.ok(new ExperimentArmStats(experimentId, arms)).build())
                .orElseThrow(() -> new UnknownExperimentException(experimentId));
    }
}
