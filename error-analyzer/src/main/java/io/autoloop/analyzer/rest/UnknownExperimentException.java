package io.autoloop.analyzer.rest;

/** No sample of the experiment has been counted (or it does not exist); answered 404. */
public class UnknownExperimentException extends RuntimeException {

    public UnknownExperimentException(String experimentId) {
        super("No arm statistics exist for experiment '" + experimentId
                + "': it is unknown, or none of its samples has been labelled yet.");
    }
}
