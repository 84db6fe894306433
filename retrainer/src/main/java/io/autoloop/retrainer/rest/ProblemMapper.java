package io.autoloop.retrainer.rest;

import io.autoloop.contracts.Problem;
import io.autoloop.retrainer.service.StandbyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The retrainer's one exception mapper: every error answer is an RFC 9457 {@code application/problem+json} (the
 * credential check's 401 comes from the platform's {@code SecurityProblemMapper} in the same shape).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = answer(Problem.of(e.status(), e.title(), e.getMessage(), e.errors()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response standby(StandbyException e) {
        return answer(Problem.of(409, "Conflict", e.getMessage(), List.of())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        Response.ResponseBuilder response =
                answer(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), List.of()));
        List.of("Allow", "Retry-After").forEach(header -> {
            String value = e.getResponse().getHeaderString(header);
            if (value != null) {
                response.header(header, value);
            }
        });
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure while answering a request", e);
        return answer(Problem.of(
                        500,
                        "Internal Server Error",
                        "The retrainer failed to answer; the failure is logged.",
                        List.of()))
                .build();
    }

    private static Response.ResponseBuilder answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }
}
