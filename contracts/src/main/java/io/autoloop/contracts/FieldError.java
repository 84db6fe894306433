package io.autoloop.contracts;

/** A problem with one field of an input: the JSON path of the field and a sentence about it. */
public record FieldError(String field, String message) {

    public FieldError {
        Require.text(field, "FieldError", "field");
        Require.text(message, "FieldError", "message");
    }
}
