package io.autoloop.router.service.model;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.learner.ModelSnapshot;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.serving.ModelRejectedException;
import io.autoloop.router.domain.serving.ModelVerification;
import io.autoloop.router.repository.ModelRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Loads model versions from the Redis registry on a background thread: fetches the bytes and the
 * {@link ModelVersion}, verifies them ({@link ModelVerification}) and only then adds the model to the
 * {@link ModelStore}. A version that fails verification is remembered and never serves; one that cannot be fetched
 * (Redis down, bytes not written yet) is tried again on the next request. Ranking never waits for a load.
 */
@ApplicationScoped
public class ModelLoader {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class);

    private final ModelRegistry registry;
    private final ModelStore store;
    private final String model;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "model-loader");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter loaded;
    private final Counter rejected;
    private final Counter failed;

    public ModelLoader(ModelRegistry registry, ModelStore store, RouterConfig config, MeterRegistry meters) {
        this.registry = registry;
        this.store = store;
        this.model = config.modelName();
        this.loaded = meters.counter("autoloop.models.loaded");
        this.rejected = meters.counter("autoloop.models.rejected");
        this.failed = meters.counter("autoloop.models.load.failures");
    }

    /**
     * Loads {@code version} in the background unless it is loaded, being loaded or rejected.
     *
     * @param announced the {@link ModelVersion} announced on {@code model.versions}, or null to read the registry's
     */
    public void request(String version, ModelVersion announced) {
        if (version == null
                || store.get(version).isPresent()
                || store.rejection(version).isPresent()
                || !inFlight.add(version)) {
            return;
        }
        executor.execute(() -> {
            try {
                load(version, announced);
            } finally {
                inFlight.remove(version);
            }
        });
    }

    /** Loads {@code version} now, on the calling thread; returns whether it is loaded afterwards. */
    boolean load(String version, ModelVersion announced) {
        if (store.get(version).isPresent()) {
            return true;
        }
        try {
            Optional<ModelVersion> stored = registry.metadata(model, version);
            ModelVersion metadata = stored.orElse(announced);
            if (metadata == null) {
                failed.increment();
                LOG.warnf("Model %s %s has no metadata in the registry yet; will retry.", model, version);
                return false;
            }
            if (announced != null && !announced.checksum().equalsIgnoreCase(metadata.checksum())) {
                throw new ModelRejectedException("Model " + model + " " + version + " was announced with checksum "
                        + announced.checksum() + " but the registry says " + metadata.checksum() + ".");
            }
            Optional<byte[]> bytes = registry.modelBytes(model, version);
            if (bytes.isEmpty()) {
                failed.increment();
                LOG.warnf("Model %s %s has no bytes in the registry yet; will retry.", model, version);
                return false;
            }
            ModelSnapshot snapshot = ModelVerification.verify(metadata, bytes.get());
            store.put(new LoadedModel(metadata, snapshot));
            loaded.increment();
            LOG.infof("Loaded model %s %s (%d weights).", model, version, snapshot.nonZeroWeights());
            return true;
        } catch (ModelRejectedException e) {
            store.reject(version, e.getMessage());
            rejected.increment();
            LOG.errorf("Model %s %s failed verification and will never serve: %s", model, version, e.getMessage());
            return false;
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warnf("Could not load model %s %s (will retry): %s", model, version, e.getMessage());
            return false;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
