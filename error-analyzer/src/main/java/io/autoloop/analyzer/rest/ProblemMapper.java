package io.autoloop.analyzer.rest;

import io.autoloop.analyzer.repository.StoresUnavailableException;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers every error of the analyzer's HTTP API as an RFC 9457 {@code application/problem+json} {@link Problem}. */
public class ProblemMapper {

    /** Seconds a client should wait before asking again while the stores are unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return problem(Problem.of(400, "Bad request", e.getMessage(), List.of(e.error())));
    }

    @ServerExceptionMapper
    public Response unknownExperiment(UnknownExperimentException e) {
        return problem(Problem.of(404, "Not found", e.getMessage(), List.of(new FieldError("id", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response storesUnavailable(StoresUnavailableException e) {
        return Response.fromResponse(problem(Problem.of(503, "Service unavailable", e.getMessage(), List.of())))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of()));
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
