package io.autoloop.retrainer.rest;

import io.autoloop.contracts.FieldError;
import java.util.List;
import java.util.Map;

/** An error answer of the API: status, title, a sentence and the offending fields, plus headers to send. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(
            int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** 400: {@code field} is malformed. */
    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(400, "Bad Request", message, List.of(new FieldError(field, message)), Map.of());
    }

    /** 404: nothing at this address. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of(), Map.of());
    }

    /** 404: the path names {@code name}, but this retrainer trains {@code model}. */
    public static ProblemException otherModel(String model, String name) {
        return notFound("This retrainer trains model " + model + ", not " + name + "; GET /v1/models names it.");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
