package io.autoloop.router.service.ranking;

import io.autoloop.contracts.FieldError;
import java.util.List;

/** A request that breaks the API's rules: answered 400 with one {@link FieldError} per offending field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.isEmpty() ? "The request is invalid." : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
