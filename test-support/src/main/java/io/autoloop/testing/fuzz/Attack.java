package io.autoloop.testing.fuzz;

/** The kinds of hostile request {@link HostileRequests} makes; each request is one of them. */
public enum Attack {
    /** The endpoint's valid request, unchanged: the fuzz also exercises the success path. */
    VALID(Needs.NOTHING),
    /** JSON text cut short, with a character deleted or inserted, single quotes, comments or trailing garbage. */
    MALFORMED_JSON(Needs.BODY),
    /** One value of the valid body replaced by a value of another JSON type. */
    WRONG_TYPE(Needs.BODY),
    /** One value replaced by a number at or past the edges of a double ({@code 1e308}, {@code 1e400}, NaN...). */
    EXTREME_NUMBER(Needs.BODY),
    /** One value replaced by arrays or objects nested up to 100,000 deep. */
    DEEP_NESTING(Needs.BODY),
    /** One value or field name replaced by a string of up to 600,000 characters. */
    LONG_STRING(Needs.BODY),
    /** An object given one of its field names twice. */
    DUPLICATE_KEY(Needs.BODY),
    /** A string or field name with a lone surrogate, NUL, a right-to-left mark, a BOM, a control character. */
    UNICODE_EDGE(Needs.BODY),
    /** Bytes that are not UTF-8 inside a string. */
    INVALID_UTF8(Needs.BODY),
    /** One value replaced by an object of up to 100,000 fields or an array of up to 100,000 elements. */
    HUGE_CONTAINER(Needs.BODY),
    /** A valid body padded past the endpoint's body limit. */
    OVERSIZED_BODY(Needs.BODY),
    /** An empty body, or a JSON value that is not an object. */
    EMPTY_OR_NOT_AN_OBJECT(Needs.BODY),
    /** The valid request with a wrong, odd or missing content type. */
    WRONG_CONTENT_TYPE(Needs.NOTHING),
    /** A missing, wrong, malformed or other-role credential. */
    CREDENTIAL(Needs.NOTHING),
    /** The endpoint's path with another HTTP method. */
    WRONG_METHOD(Needs.NOTHING),
    /** A path parameter replaced by a hostile segment (percent-encoded NUL, invalid UTF-8, slashes, 2,000 bytes). */
    HOSTILE_PATH(Needs.PATH_PARAMETER),
    /** A query parameter with a hostile, out-of-range, repeated or missing value. */
    HOSTILE_QUERY(Needs.QUERY_PARAMETER);

    private final Needs needs;

    Attack(Needs needs) {
        this.needs = needs;
    }

    /** Whether this attack means something on {@code endpoint}. */
    boolean appliesTo(Endpoint endpoint) {
        return switch (needs) {
            case NOTHING -> true;
            case BODY -> endpoint.body().isPresent();
            case PATH_PARAMETER -> !endpoint.pathValues().isEmpty();
            case QUERY_PARAMETER -> !endpoint.queryValues().isEmpty();
        };
    }

    private enum Needs {
        NOTHING,
        BODY,
        PATH_PARAMETER,
        QUERY_PARAMETER
    }
}
