package io.autoloop.router.service.ranking;

import io.autoloop.contracts.FieldError;
import java.util.List;

/**
 * A request that breaks the API's rules: answered with {@link #status()} (400, or 413 when what it asks for is too
 * large) and one {@link FieldError} per offending field.
 */
public class InvalidRequestException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        this(400, errors);
    }

    private InvalidRequestException(int status, List<FieldError> errors) {
        super(errors.isEmpty() ? "The request is invalid." : errors.get(0).message());
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** A request whose content is too large to be served: 413. */
    public static InvalidRequestException tooLarge(FieldError error) {
        return new InvalidRequestException(413, List.of(error));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
