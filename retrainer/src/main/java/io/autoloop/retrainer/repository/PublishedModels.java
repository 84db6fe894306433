package io.autoloop.retrainer.repository;

import io.autoloop.learner.ModelCodec;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.retrainer.domain.ServedVersions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The published models the training loop reads back from the {@link ModelRegistry}: consumes the champion and
 * challenger aliases, the version index and the model bytes, and produces the {@link ServedVersions} the gate compares
 * with, their decoded weights, and whether anything is published at all.
 */
@ApplicationScoped
public class PublishedModels {

    private final ModelRegistry registry;

    /** The snapshot this instance published last: the usual next champion, kept to spare a registry read. */
    private volatile ModelSnapshot lastPublished;

    public PublishedModels(ModelRegistry registry) {
        this.registry = registry;
    }

    /**
     * The versions the arms serve: the champion as {@link ModelRegistry#championVersion()} names it, and the
     * challenger while an experiment runs.
     */
    public ServedVersions served() {
        return new ServedVersions(
                registry.championVersion().orElse(null),
                registry.challengerVersion().orElse(null));
    }

    /**
     * The weights of a published version.
     *
     * @throws io.autoloop.learner.ModelFormatException if its bytes are corrupt
     * @throws IllegalStateException if the registry holds no bytes for it
     */
    public ModelSnapshot load(String version) {
        ModelSnapshot published = lastPublished;
        if (published != null && published.provenance().version().equals(version)) {
            return published;
        }
        byte[] bytes = registry.modelBytes(version)
                .orElseThrow(() -> new IllegalStateException("Version " + version + " of model "
                        + registry.keys().name() + " is named in the registry, but its bytes are missing."));
        return ModelCodec.read(bytes);
    }

    /** Whether no version is published yet. */
    public boolean isEmpty() {
        return registry.size() == 0;
    }

    /** Keeps {@code model}, just published by this instance, so that {@link #load} need not read it back. */
    public void published(ModelSnapshot model) {
        lastPublished = model;
    }
}
