package io.autoloop.router.rest;

import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.dashboard.Alert;
import io.autoloop.router.domain.dashboard.TrainingView;
import io.autoloop.router.domain.dashboard.WeightStep;
import io.autoloop.router.domain.guardrail.GuardrailLimits;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.domain.rollout.RolloutPolicy;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.service.experiment.ExperimentNotFoundException;
import io.autoloop.router.service.experiment.ExperimentService;
import io.autoloop.router.service.model.ModelCatalog;
import io.autoloop.router.service.model.ModelsView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The read-only JSON behind the dashboard at {@code /}: the router's model's experiments with their alerts, one
 * experiment with its time series, the model versions, and the training's alerts (the banner on every page). Open
 * without a credential: it carries aggregates only (no user ids, no keys); the actions stay on the admin API.
 */
@Path("/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    private final ExperimentRepository repository;
    private final ModelCatalog catalog;
    private final String model;
    private final RolloutPolicy policy;
    private final double srmAlpha;
    private final GuardrailLimits guardrailLimits;

    public DashboardResource(ExperimentRepository repository, ModelCatalog catalog, RouterConfig config) {
        this.repository = repository;
        this.catalog = catalog;
        this.model = config.modelName();
        this.policy = ExperimentService.policyOf(config);
        this.srmAlpha = config.experiment().srmAlpha();
        this.guardrailLimits = ExperimentService.policyOf(config).guardrails();
    }

    /** The model's experiments, newest first, each with its latest transition and alerts. */
    @APIResponse(responseCode = "200", description = "Every experiment's overview, newest first.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @GET
    @Path("/experiments")
    public List<ExperimentOverview> experiments() {
        return repository.all().stream()
                .filter(experiment -> experiment.model().equals(model))
                .map(experiment -> new ExperimentOverview(
                        ExperimentView.summaryOf(experiment, policy),
                        experiment.history().isEmpty()
                                ? null
                                : experiment.history().get(experiment.history().size() - 1),
                        Alert.of(experiment, srmAlpha)))
                .toList();
    }

    /** One experiment with its history, weight steps and newest analyses. */
    @APIResponse(responseCode = "200", description = "The experiment's page: arms, analyses, weights and history.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "No experiment has that id (problem+json).")
    @GET
    @Path("/experiments/{id}")
    public ExperimentDetail experiment(@PathParam("id") String id) {
        Experiment experiment = repository.find(id).orElseThrow(() -> new ExperimentNotFoundException(id));
        return new ExperimentDetail(
                ExperimentView.detailOf(experiment, policy),
                Alert.of(experiment, srmAlpha),
                srmAlpha,
                guardrailLimits,
                WeightStep.of(experiment.history()),
                repository.analyses(id));
    }

    /** The model's versions with provenance, metrics and calibration, and which arm serves which. */
    @APIResponse(responseCode = "200", description = "The model's versions, lineages and refreshes.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @GET
    @Path("/models")
    public ModelsView models() {
        return catalog.models();
    }

    /** The retrainer's last report on the model's training, and its alerts: stalled, failing, stale or missing. */
    @APIResponse(responseCode = "200", description = "The trainer's health.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @GET
    @Path("/training")
    public TrainingView training() {
        return catalog.training();
    }
}
