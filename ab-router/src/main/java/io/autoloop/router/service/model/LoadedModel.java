package io.autoloop.router.service.model;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.learner.ModelSnapshot;

/** A verified model version ready to score: its registry metadata and its immutable snapshot. */
public record LoadedModel(ModelVersion metadata, ModelSnapshot snapshot) {

    public String version() {
        return metadata.version();
    }
}
