package io.autoloop.router.service.experiment;

/** An experiment id that Redis does not know. */
public class ExperimentNotFoundException extends RuntimeException {

    public ExperimentNotFoundException(String id) {
        super("There is no experiment '" + id + "'.");
    }
}
