package io.autoloop.router.messaging;

import io.autoloop.contracts.ModelVersion;
import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.service.model.ModelLoader;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the retrainer's announcements on {@code model.versions} (versions that passed its validation gate), for
 * this router's model only, on two channels: {@code model-versions} (a consumer group per replica) starts loading the
 * version in the background on every replica, so it is verified before it gets traffic; {@code candidates} (one
 * group for all replicas, committed offsets) records it once as its lineage's waiting candidate in Redis, which the
 * controller then settles.
 */
@ApplicationScoped
public class ModelVersionConsumer {

    private static final Logger LOG = Logger.getLogger(ModelVersionConsumer.class);
    private static final int ATTEMPTS = 30;
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final ModelLoader loader;
    private final ExperimentRepository experiments;
    private final String model;

    public ModelVersionConsumer(ModelLoader loader, ExperimentRepository experiments, RouterConfig config) {
        this.loader = loader;
        this.experiments = experiments;
        this.model = config.modelName();
    }

    @Incoming("model-versions")
    public void preload(ModelVersion version) {
        if (version != null && model.equals(version.name())) {
            loader.request(version.version(), version);
        }
    }

    @Incoming("candidates")
    @Blocking
    public void recordCandidate(ModelVersion version) throws InterruptedException {
        if (version == null || !model.equals(version.name())) {
            return;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (experiments.offerCandidate(version)) {
                    LOG.infof(
                            "Model %s %s passed the gate and waits as the candidate of lineage %s.",
                            model, version.version(), version.lineage().name());
                }
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.errorf(
                            "Could not record model %s %s as the candidate after %d attempts: %s",
                            model, version.version(), ATTEMPTS, e.getMessage());
                    return;
                }
                Thread.sleep(BACKOFF.toMillis());
            }
        }
    }
}
