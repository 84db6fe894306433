package io.autoloop.collector.rest;

import io.autoloop.collector.domain.IngestResult;
import io.autoloop.collector.service.IngestService;
import io.autoloop.contracts.Problem;
import io.autoloop.platform.auth.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /v1/events}: the ingest API apps send user feedback to, with their API key; publishes to
 * {@code feedback.events} as the app the key belongs to.
 */
@Path(IngestGate.PATH)
@Tag(name = "events", description = "User feedback ingest")
@SecurityScheme(
        securitySchemeName = "apiKey",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "The app's API key: Authorization: Bearer <key>")
public class EventsResource {

    private final IngestService service;

    public EventsResource(IngestService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(Roles.APP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @SecurityRequirement(name = "apiKey")
    @Operation(
            summary = "Send user feedback events",
            description = "Validates and pseudonymizes the events and answers 202 once Kafka has acknowledged every"
                    + " accepted one. An event whose eventId an earlier event of the same request has is dropped"
                    + " and counted in 'duplicates'. Invalid events are reported by index (and kept on"
                    + " feedback.rejected); the rest is accepted. feedback.events is at-least-once: an event"
                    + " sent again in a later request is published again, and the error-analyzer drops the repeat,"
                    + " so each event is trained on once. A 503 means nothing of the request was accepted: send"
                    + " it again as it was.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventsRequest.class)))
    @APIResponse(
            responseCode = "202",
            description = "Every accepted event is stored; repeats within the request are counted in"
                    + " 'duplicates'; refused ones are listed by index.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(
            responseCode = "400",
            description = "Malformed JSON, duplicated keys, or no 1..500 events.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "401",
            description = "No bearer token, or a key that is not an app's API key; checked before the body is read.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body over 512 KiB or an event over 32 KiB.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "Content-Type is not application/json.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "429",
            description = "The API key's rate limit is exhausted.",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds to wait",
                            schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Kafka did not take the write in time; nothing was accepted, retry the request as is.",
            headers =
                    @Header(
                            name = "Retry-After",
                            description = "Seconds to wait",
                            schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<IngestResult>> ingest(@Context SecurityContext caller, byte[] body) {
        // The body is read on the event loop without blocking; the work, which may block, runs on a worker.
        String appId = caller.getUserPrincipal().getName();
        return Uni.createFrom()
                .deferred(() -> service.ingest(appId, body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(result -> RestResponse.status(RestResponse.Status.ACCEPTED, result));
    }
}
