package io.autoloop.collector.domain;

import io.autoloop.contracts.FieldError;
import java.util.List;

/**
 * A request that cannot be taken as a whole, with the reason and the offending fields. {@link Kind}
 * says which HTTP answer it deserves; nothing of such a request is accepted.
 */
public final class RequestProblem extends RuntimeException {

    /** Why the whole request is refused. */
    public enum Kind {
        /** Not JSON, duplicated keys, no {@code events} array, or an event count outside the limits: 400. */
        MALFORMED,
        /** The body or one event is larger than allowed: 413. */
        TOO_LARGE
    }

    private final Kind kind;
    private final transient List<FieldError> errors;

    public RequestProblem(Kind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static RequestProblem malformed(String field, String detail) {
        return new RequestProblem(Kind.MALFORMED, detail, List.of(new FieldError(field, detail)));
    }

    public static RequestProblem tooLarge(String field, String detail) {
        return new RequestProblem(Kind.TOO_LARGE, detail, List.of(new FieldError(field, detail)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
