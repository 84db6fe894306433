package io.autoloop.router.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.Problem;
import io.autoloop.router.domain.rollout.IllegalTransitionException;
import io.autoloop.router.service.experiment.ExperimentNotFoundException;
import io.autoloop.router.service.experiment.ForeignExperimentException;
import io.autoloop.router.service.ranking.InvalidRequestException;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one exception mapper of the router: every error answers {@code application/problem+json} with a
 * {@link Problem} naming the field and the problem (the credential check's 401 and 403 come from the platform's
 * {@code SecurityProblemMapper} in the same shape). Bad input is a 4xx; Redis being unreachable for the admin API is a
 * 503; anything else is a 500 without internals.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        String title = e.status() == 413 ? "Content Too Large" : "Invalid request";
        return problem(e.status(), title, e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = pathOf(e);
        String expected = e.getTargetType() == null ? "another type" : kindOf(e.getTargetType());
        String detail = "The field '" + field + "' must be " + expected + ".";
        return problem(400, "Invalid request", detail, List.of(new FieldError(field, detail)));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "body";
        String detail = "The body is not valid JSON for this endpoint: " + e.getOriginalMessage();
        return problem(400, "Invalid request", detail, List.of(new FieldError(field, detail)));
    }

    @ServerExceptionMapper
    public Response notFound(ExperimentNotFoundException e) {
        return problem(404, "Not Found", e.getMessage(), List.of(new FieldError("id", e.getMessage())));
    }

    @ServerExceptionMapper
    public Response conflict(IllegalTransitionException e) {
        return problem(409, "Conflict", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response foreign(ForeignExperimentException e) {
        return problem(409, "Conflict", e.getMessage(), List.of(new FieldError("id", e.getMessage())));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(status, title, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (isRedisFailure(e)) {
            LOG.warnf("Redis is unavailable for an admin request: %s", e.getMessage());
            return Response.fromResponse(problem(
                            503,
                            "Service Unavailable",
                            "The experiment store (Redis) is unavailable; try again shortly.",
                            List.of()))
                    .header("Retry-After", "5")
                    .build();
        }
        LOG.error("Unexpected error while serving a request", e);
        return problem(500, "Internal Server Error", "The router failed to answer; the error was logged.", List.of());
    }

    private static boolean isRedisFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String type = cause.getClass().getName();
            if (type.startsWith("io.vertx.redis")
                    || type.startsWith(RedisDataSource.class.getPackageName())
                    || cause instanceof java.net.ConnectException
                    || cause instanceof TimeoutException
                    || type.contains("TimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static String kindOf(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        return "of another type";
    }

    private static String pathOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "body" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static Response problem(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, errors))
                .build();
    }
}
