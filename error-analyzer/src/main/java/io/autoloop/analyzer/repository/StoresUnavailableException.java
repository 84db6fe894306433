package io.autoloop.analyzer.repository;

/** The analyzer's state stores cannot be queried right now (starting, rebalancing, restoring): retry later. */
public class StoresUnavailableException extends RuntimeException {

    public StoresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
