package io.autoloop.collector.rest;

import io.autoloop.collector.domain.RequestProblem;
import io.autoloop.collector.service.IngestRefusal;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The collector's one exception mapper: every refused request gets an RFC 9457 problem
 * ({@code application/problem+json}) naming the offending fields, with {@code Retry-After} on 429 and 503 (the
 * credential check's 401 comes from the platform's {@code SecurityProblemMapper} in the same shape). Bad input is
 * always a 4xx; only a bug is a 500.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> requestProblem(RequestProblem problem, UriInfo uri) {
        int status = problem.kind() == RequestProblem.Kind.TOO_LARGE ? 413 : 400;
        String title = status == 413 ? "Content Too Large" : "Bad Request";
        return answer(status, title, problem.getMessage(), problem.errors(), uri)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> refusal(IngestRefusal refusal, UriInfo uri) {
        IngestRefusal.Kind kind = refusal.kind();
        long seconds = Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000);
        return answer(kind.status(), kind.title(), refusal.getMessage(), List.of(), uri)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException exception, UriInfo uri) {
        Response.StatusType status = exception.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 415 -> "Send the events as 'Content-Type: application/json'.";
            case 405 -> "This endpoint does not answer that method.";
            case 404 -> "There is nothing at this path.";
            case 406 -> "This endpoint answers application/json (or application/problem+json) only.";
            default -> exception.getMessage();
        };
        return answer(status.getStatusCode(), status.getReasonPhrase(), detail, List.of(), uri)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(RuntimeException exception, UriInfo uri) {
        LOG.error("Unexpected failure while ingesting events", exception);
        return answer(
                        500,
                        "Internal Server Error",
                        "The collector failed unexpectedly; nothing of this request was accepted. Retry it.",
                        List.of(),
                        uri)
                .build();
    }

    private static RestResponse.ResponseBuilder<Problem> answer(
            int status, String title, String detail, List<FieldError> errors, UriInfo uri) {
        Problem problem = new Problem(java.net.URI.create("about:blank"), title, status, detail, uri.getPath(), errors);
        return RestResponse.ResponseBuilder.<Problem>create(status)
                .entity(problem)
                .type(Problem.MEDIA_TYPE);
    }
}
