package io.autoloop.router.service.model;

import io.autoloop.router.domain.memory.RecentEntries;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The verified models this replica holds: an immutable map from version to {@link LoadedModel}, swapped atomically so
 * a reader sees either the old or the new map and never a half-loaded model; plus the last {@value #REJECTIONS_KEPT}
 * versions that failed verification, which are not loaded again.
 */
@ApplicationScoped
public class ModelStore {

    /**
     * Rejected versions remembered; one rejected longer ago is forgotten, and if it is ever asked for again it is
     * verified again and rejected again.
     */
    static final int REJECTIONS_KEPT = 1024;

    private final AtomicReference<Map<String, LoadedModel>> models = new AtomicReference<>(Map.of());
    private final Map<String, String> rejected = RecentEntries.of(REJECTIONS_KEPT);

    /** The loaded model of {@code version}, empty when it is not loaded. */
    public Optional<LoadedModel> get(String version) {
        return version == null
                ? Optional.empty()
                : Optional.ofNullable(models.get().get(version));
    }

    /** Adds a verified model. */
    public void put(LoadedModel model) {
        models.updateAndGet(current -> {
            Map<String, LoadedModel> next = new HashMap<>(current);
            next.put(model.version(), model);
            return Map.copyOf(next);
        });
    }

    /** Drops every model but those of {@code keep}. */
    public void retain(Set<String> keep) {
        models.updateAndGet(current -> {
            if (keep.containsAll(current.keySet())) {
                return current;
            }
            Map<String, LoadedModel> next = new HashMap<>(current);
            next.keySet().retainAll(keep);
            return Map.copyOf(next);
        });
    }

    /** Remembers that {@code version} failed verification, with why. */
    public void reject(String version, String reason) {
        rejected.put(version, reason);
    }

    /** Why {@code version} failed verification, empty when it did not. */
    public Optional<String> rejection(String version) {
        return version == null ? Optional.empty() : Optional.ofNullable(rejected.get(version));
    }

    /** The versions loaded now. */
    public Set<String> versions() {
        return models.get().keySet();
    }
}
