package io.autoloop.retrainer.rest;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.service.SearchService;
import io.autoloop.retrainer.service.SearchView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The search of shadow configurations over HTTP: the leaderboard (each live shadow's configuration, age and paired
 * comparison with the search's champion) and its latest proposals, retirements and graduations.
 */
@Path("/v1/models/{name}/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final SearchService search;
    private final String model;

    public SearchResource(SearchService search, RetrainerConfig config) {
        this.search = search;
        this.model = config.modelName();
    }

    /** The leaderboard as the active trainer on this instance last saw it; 404 for another model's name. */
    @APIResponse(responseCode = "200", description = "The search's leaderboard and latest events.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "The retrainer trains no model of that name (problem+json).")
    @GET
    public SearchView leaderboard(@PathParam("name") String name) {
        if (!model.equals(name)) {
            throw ProblemException.otherModel(model, name);
        }
        return search.view();
    }
}
