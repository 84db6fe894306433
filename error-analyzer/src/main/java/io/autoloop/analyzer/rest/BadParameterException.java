package io.autoloop.analyzer.rest;

import io.autoloop.contracts.FieldError;

/** A query parameter is missing or malformed; answered 400 with the field and a sentence. */
public class BadParameterException extends RuntimeException {

    private final transient FieldError error;

    public BadParameterException(String field, String message) {
        super(message);
        this.error = new FieldError(field, message);
    }

    public FieldError error() {
        return error;
    }
}
