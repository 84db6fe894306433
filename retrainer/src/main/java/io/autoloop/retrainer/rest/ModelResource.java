package io.autoloop.retrainer.rest;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.platform.auth.Roles;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.SemanticVersion;
import io.autoloop.retrainer.repository.ModelRegistry;
import io.autoloop.retrainer.service.StandbyException;
import io.autoloop.retrainer.service.TrainerMonitor;
import io.autoloop.retrainer.service.TrainingLoop;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The model registry over HTTP: lists versions with their metrics, serves a version's metadata and weights, lists the
 * gate's latest decisions, and lets an admin force a candidate through the gate.
 */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private static final int MAX_LIMIT = 1000;
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    private final ModelRegistry registry;
    private final TrainingLoop loop;
    private final TrainerMonitor monitor;

    public ModelResource(ModelRegistry registry, TrainingLoop loop, TrainerMonitor monitor) {
        this.registry = registry;
        this.loop = loop;
        this.monitor = monitor;
    }

    /** Published versions with their metrics, newest first, the champion and this instance's trainer status. */
    @APIResponse(
            responseCode = "200",
            description = "The versions, newest first, the champion and the trainer's status.")
    @APIResponse(responseCode = "400", description = "The limit is not between 1 and 1000 (problem+json).")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "The path as sent names no resource (problem+json).")
    @GET
    public ModelList list(@QueryParam("limit") @DefaultValue("100") int limit) {
        requireLimit(limit);
        return new ModelList(
                registry.keys().name(),
                registry.championVersion().orElse(null),
                registry.newest(limit),
                monitor.status());
    }

    /** The gate's latest decisions (published and rejected candidates), newest first. */
    @APIResponse(responseCode = "200", description = "The gate's latest decisions, newest first.")
    @APIResponse(responseCode = "400", description = "The limit is not between 1 and 1000 (problem+json).")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "The path as sent names no resource (problem+json).")
    @GET
    @Path("candidates")
    public List<GateDecision> candidates(@QueryParam("limit") @DefaultValue("100") int limit) {
        requireLimit(limit);
        return registry.gateDecisions(limit);
    }

    /** The {@code ModelVersion} of one version. */
    @APIResponse(responseCode = "200", description = "The version's metadata.")
    @APIResponse(responseCode = "400", description = "The version is not a semantic version (problem+json).")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "The model has no such version (problem+json).")
    @GET
    @Path("{version}")
    public ModelVersion version(@PathParam("version") String version) {
        return registry.version(checked(version)).orElseThrow(() -> unknown(version));
    }

    /**
     * The exact registry bytes of one version ({@code ModelCodec} format), with {@code ETag} and {@code Repr-Digest}
     * (RFC 9530) carrying their SHA-256; answers 304 to a matching {@code If-None-Match}.
     */
    @APIResponse(responseCode = "200", description = "The version's bytes, with ETag and Repr-Digest.")
    @APIResponse(responseCode = "304", description = "The bytes match the If-None-Match tag.")
    @APIResponse(responseCode = "400", description = "The version is not a semantic version (problem+json).")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "404", description = "The model has no such version (problem+json).")
    @GET
    @Path("{version}/weights")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response weights(@PathParam("version") String version, @Context Request request) {
        String checked = checked(version);
        byte[] bytes = registry.modelBytes(checked).orElseThrow(() -> unknown(version));
        byte[] digest = DigestUtils.sha256(bytes);
        EntityTag tag = new EntityTag(Hex.encodeHexString(digest));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(tag)
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + registry.keys().name() + "-" + checked + ".model\"")
                .build();
    }

    /**
     * Forces a candidate through the gate now (admin key only), in the admin's name. Answers 201 with the decision and
     * a {@code Location} when the candidate was published, 200 with the decision when the gate rejected it, 409 on a
     * standby instance.
     */
    @APIResponse(responseCode = "200", description = "The gate rejected the candidate: its decision.")
    @APIResponse(responseCode = "201", description = "The candidate was published: its decision, and a Location.")
    @APIResponse(responseCode = "401", description = "No valid API key (problem+json).")
    @APIResponse(responseCode = "403", description = "The key is not an admin's (problem+json).")
    @APIResponse(responseCode = "409", description = "This instance is a standby; the active trainer publishes.")
    @APIResponse(responseCode = "503", description = "The trainer could not judge the candidate in time (Retry-After).")
    @POST
    @Path("publish")
    @RolesAllowed(Roles.ADMIN)
    public Response publish(@Context SecurityContext caller, @Context UriInfo uri) {
        String actor = caller.getUserPrincipal().getName();
        GateDecision decision;
        try {
            decision = loop.requestPublish(actor).get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("The request was interrupted before the trainer judged the candidate.");
        } catch (TimeoutException e) {
            throw unavailable("The trainer did not judge the candidate within " + PUBLISH_TIMEOUT.toSeconds()
                    + " s; see GET /v1/models/candidates for the outcome.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StandbyException standby) {
                throw standby;
            }
            throw unavailable(
                    "The trainer could not finish the publish: " + e.getCause().getMessage());
        }
        if (decision.published()) {
            return Response.created(
                            uri.getBaseUriBuilder().path("v1/models/{version}").build(decision.version()))
                    .entity(decision)
                    .build();
        }
        return Response.ok(decision).build();
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest(
                    "limit", "The limit must be between 1 and " + MAX_LIMIT + ", but it is " + limit + ".");
        }
    }

    private static String checked(String version) {
        try {
            return SemanticVersion.parse(version).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("version", e.getMessage());
        }
    }

    private ProblemException unknown(String version) {
        return ProblemException.notFound(
                "Model " + registry.keys().name() + " has no version " + version + "; GET /v1/models lists them.");
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail, List.of(), Map.of("Retry-After", "5"));
    }
}
