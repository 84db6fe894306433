package io.autoloop.contracts;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of the HTTP APIs
 * ({@code application/problem+json}); {@code errors} names each offending field.
 */
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** The media type of a problem detail. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Require.text(title, "Problem", "title");
        errors = List.copyOf(Require.orDefault(errors, List.of()));
    }

    /** A problem whose type is {@code about:blank}, as RFC 9457 recommends for plain HTTP statuses. */
    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem(URI.create("about:blank"), title, status, detail, null, errors);
    }
}
