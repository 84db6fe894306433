package io.autoloop.retrainer.service;

/** Thrown when this retrainer instance is asked to train while another instance holds the trainer lease. */
public class StandbyException extends RuntimeException {

    private final String activeInstance;

    public StandbyException(String model, String activeInstance) {
        super("This retrainer instance is not the active trainer of model " + model
                + (activeInstance == null ? "" : "; the active one is " + activeInstance) + ".");
        this.activeInstance = activeInstance;
    }

    /** The lease holder, if known. */
    public String activeInstance() {
        return activeInstance;
    }
}
