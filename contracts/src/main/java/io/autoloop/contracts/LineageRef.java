package io.autoloop.contracts;

/**
 * Names the lineage a {@link ModelVersion} belongs to: one training configuration of a model (feature spec, FTRL
 * hyper-parameters, labelling rules). Versions of the same lineage are refreshes of one another; a version of another
 * lineage is a challenger.
 *
 * @param id the fingerprint of the lineage's configuration, stable across runs and changed by any of its fields
 * @param name a short readable name, unique within the model, e.g. {@code default} or {@code no-cross}
 */
public record LineageRef(String id, String name) {

    private static final String NAME = "LineageRef";

    public LineageRef {
        Require.text(id, NAME, "id");
        Require.text(name, NAME, "name");
    }
}
