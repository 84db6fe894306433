package io.autoloop.router.rest;

import io.autoloop.platform.auth.Roles;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.RolloutEvent;
import io.autoloop.router.domain.rollout.RolloutPolicy;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.service.experiment.ExperimentNotFoundException;
import io.autoloop.router.service.experiment.ExperimentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The admin API of experiments (admin key only, checked before anything else): list them, show one with its arms,
 * lift, interval, p-values and history, and pause, resume, promote or roll back the running one (an optional
 * {@code ?reason=} goes into the history). Every action is a transition in the experiment's history and on
 * {@code audit.log}, under the admin's name as the actor.
 */
@Path("/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ExperimentResource {

    private final ExperimentRepository repository;
    private final ExperimentService experiments;
    private final RolloutPolicy policy;

    public ExperimentResource(ExperimentRepository repository, ExperimentService experiments, RouterConfig config) {
        this.repository = repository;
        this.experiments = experiments;
        this.policy = ExperimentService.policyOf(config);
    }

    @APIResponse(responseCode = "200", description = "Every experiment, newest first.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "403", description = "The key is not an admin's (problem+json).")
    @GET
    public List<ExperimentView> list() {
        return repository.all().stream()
                .map(experiment -> ExperimentView.summaryOf(experiment, policy))
                .toList();
    }

    @APIResponse(responseCode = "200", description = "The experiment with its history.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "403", description = "The key is not an admin's (problem+json).")
    @APIResponse(responseCode = "404", description = "No experiment has that id (problem+json).")
    @GET
    @Path("/{id}")
    public ExperimentView get(@PathParam("id") String id) {
        Experiment experiment = repository.find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
        return ExperimentView.detailOf(experiment, policy);
    }

    @APIResponse(responseCode = "200", description = "The experiment after the action.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "403", description = "The key is not an admin's (problem+json).")
    @APIResponse(responseCode = "404", description = "No experiment has that id (problem+json).")
    @APIResponse(
            responseCode = "405",
            description = "The action is none of pause, resume, promote and rollback (problem+json).")
    @APIResponse(responseCode = "409", description = "The experiment's phase does not allow the action (problem+json).")
    @POST
    @Path("/{id}/{action: pause|resume|promote|rollback}")
    public ExperimentView act(
            @Context SecurityContext caller,
            @PathParam("id") String id,
            @PathParam("action") String action,
            @QueryParam("reason") String reason) {
        String actor = caller.getUserPrincipal().getName();
        RolloutEvent.Command command = RolloutEvent.Command.valueOf(action.toUpperCase(Locale.ROOT));
        Experiment experiment =
                experiments.apply(id, new RolloutEvent.AdminAction(Instant.now(), command, actor, reason));
        return ExperimentView.detailOf(experiment, policy);
    }
}
