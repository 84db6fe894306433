package io.autoloop.router.domain.serving;

/** Model bytes that failed verification: that version never serves. */
public class ModelRejectedException extends RuntimeException {

    public ModelRejectedException(String message) {
        super(message);
    }
}
