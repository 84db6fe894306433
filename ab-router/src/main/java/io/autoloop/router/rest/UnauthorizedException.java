package io.autoloop.router.rest;

/** A request without a valid credential for what it asks: answered 401. */
public class UnauthorizedException extends RuntimeException {

    public UnauthorizedException(String message) {
        super(message);
    }
}
