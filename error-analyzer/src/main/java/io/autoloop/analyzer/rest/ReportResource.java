package io.autoloop.analyzer.rest;

import io.autoloop.analyzer.repository.KeyOwners;
import io.autoloop.analyzer.repository.ReportRepository;
import io.autoloop.analyzer.state.StoreNames;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /v1/reports}: the error reports of a model version, from the analyzer's interactive queries. */
@Path("/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    /** The range asked for when {@code from} is left out. */
    static final Duration DEFAULT_RANGE = Duration.ofHours(1);

    private final ReportRepository reports;
    private final KeyOwners owners;
    private final Forwarder forwarder;
    private final Clock clock = Clock.systemUTC();

    ReportResource(ReportRepository reports, KeyOwners owners, Forwarder forwarder) {
        this.reports = reports;
        this.owners = owners;
        this.forwarder = forwarder;
    }

    /**
     * The reports of {@code modelVersion} whose window starts in {@code [from, to)}, oldest first; {@code to}
     * defaults to now and {@code from} to one hour before {@code to}. Both are ISO-8601 instants.
     */
    @APIResponse(responseCode = "200", description = "The reports of the version in the range, oldest first.")
    @APIResponse(
            responseCode = "400",
            description = "modelVersion is missing, an instant is malformed or the range is empty (problem+json).")
    @APIResponse(responseCode = "401", description = "A credential was sent: the analyzer knows none (problem+json).")
    @APIResponse(
            responseCode = "503",
            description =
                    "The instance that holds the key cannot be reached, or the stores are rebalancing (problem+json, Retry-After).")
    @GET
    public Response reports(
            @QueryParam("modelVersion") String modelVersion,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @HeaderParam(Forwarder.HEADER) String forwarded,
            @Context UriInfo uri) {
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new BadParameterException(
                    "modelVersion", "The query parameter 'modelVersion' is required, e.g. ?modelVersion=1.4.0.");
        }
        Instant end = instant("to", to, clock.instant());
        Instant start = instant("from", from, end.minus(DEFAULT_RANGE));
        if (!start.isBefore(end)) {
            throw new BadParameterException("from", "'from' (" + start + ") must be before 'to' (" + end + ").");
        }
        if (forwarded == null) {
            var owner = owners.remoteOwner(StoreNames.ERROR_REPORTS, modelVersion);
            if (owner.isPresent()) {
                return forwarder.forward(owner.get(), uri.getRequestUri());
            }
        }
        return Response.ok(new ErrorReports(modelVersion, start, end, reports.reports(modelVersion, start, end)))
                .build();
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(
                    name,
                    "'" + name + "' must be an ISO-8601 instant such as 2026-03-02T10:00:00Z, but it is '" + value
                            + "'.");
        }
    }
}
