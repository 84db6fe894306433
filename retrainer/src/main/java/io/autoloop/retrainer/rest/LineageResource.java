package io.autoloop.retrainer.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoloop.platform.auth.Roles;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.LineageRequest;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.retrainer.repository.LineageStore;
import io.autoloop.retrainer.service.LineageService;
import io.autoloop.retrainer.service.LineageView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The model's lineages over HTTP: lists them with their configuration, state, current version, samples and latest gate
 * decisions, and lets an admin create one from a configuration (omitted fields from the default lineage).
 */
@Path("/v1/models/{name}/lineages")
@Produces(MediaType.APPLICATION_JSON)
public class LineageResource {

    private final LineageService lineages;
    private final TrainerSettings settings;
    private final ObjectMapper json;
    private final String model;

    public LineageResource(
            LineageService lineages, TrainerSettings settings, ObjectMapper json, RetrainerConfig config) {
        this.lineages = lineages;
        this.settings = settings;
        this.json = json;
        this.model = config.modelName();
    }

    /** Every lineage of the model, by ordinal. */
    @APIResponse(responseCode = "200", description = "The model's lineages, by ordinal.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "The retrainer trains no model of that name (problem+json).")
    @GET
    public List<LineageView> list(@PathParam("name") String name) {
        requireModel(name);
        return lineages.list();
    }

    /**
     * Creates the lineage of the body's configuration (admin key only): 201 with the {@code Lineage}; 200 with the
     * existing one when the configuration has its lineage already; 400 naming the field for an unknown key, a value out
     * of range, a cross of an unknown namespace or a name another lineage has.
     */
    @APIResponse(responseCode = "200", description = "The configuration has its lineage already: that lineage.")
    @APIResponse(responseCode = "201", description = "The lineage was created.")
    @APIResponse(responseCode = "400", description = "A field is unknown, out of range or taken (problem+json).")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "403", description = "The key is not an admin's (problem+json).")
    @APIResponse(responseCode = "404", description = "The retrainer trains no model of that name (problem+json).")
    @APIResponse(responseCode = "413", description = "The body is larger than the service accepts (problem+json).")
    @APIResponse(responseCode = "415", description = "The body is not JSON (problem+json).")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@PathParam("name") String name, byte[] body, @Context SecurityContext caller) {
        requireModel(name);
        LineageRequest request;
        try {
            request = LineageRequest.parse(object(body), settings.defaultConfig());
        } catch (LineageRequest.Invalid e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        LineageStore.Registration registration =
                lineages.create(request, caller.getUserPrincipal().getName(), "admin-request");
        return switch (registration.outcome()) {
            case CREATED ->
                Response.status(Response.Status.CREATED)
                        .entity(registration.lineage())
                        .build();
            case EXISTS -> Response.ok(registration.lineage()).build();
            case NAME_TAKEN ->
                throw ProblemException.badRequest(
                        "name",
                        "The name " + request.name() + " belongs to lineage "
                                + registration.lineage().ref().id()
                                + " of another configuration; choose another name.");
        };
    }

    private Map<String, Object> object(byte[] body) {
        Map<String, Object> fields;
        try {
            fields = json.readValue(body, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            fields = null;
        }
        if (fields == null) {
            throw ProblemException.badRequest("body", "The body must be a JSON object of a lineage's fields.");
        }
        return fields;
    }

    private void requireModel(String name) {
        if (!model.equals(name)) {
            throw ProblemException.otherModel(model, name);
        }
    }
}
