package io.autoloop.router.service.experiment;

/**
 * An admin action on an experiment of another model: each router runs the experiments of its own model only, so the
 * action must go to a router of that model.
 */
public class ForeignExperimentException extends RuntimeException {

    public ForeignExperimentException(String id, String experimentModel, String routerModel) {
        super("Experiment '" + id + "' tests model " + experimentModel + ", but this router runs the experiments of "
                + routerModel + "; send the action to a router of " + experimentModel + ".");
    }
}
