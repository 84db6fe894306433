package io.autoloop.router.service.experiment;

import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.repository.RedisMemory;
import io.autoloop.router.repository.RolloutState;
import io.autoloop.router.service.model.Routing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the replica's background loop on one thread, every {@code router.experiment.refresh-interval}: refresh the
 * {@link Routing} from Redis, give the {@link ExperimentController} its tick, and, on the controller's replica, the
 * {@link RefreshWatcher} its; and sample {@link RedisMemory} once a minute. Starts with the application and releases
 * the controller lease when it stops.
 */
@ApplicationScoped
class RouterScheduler {

    private static final Logger LOG = Logger.getLogger(RouterScheduler.class);

    private final Routing routing;
    private final ExperimentController controller;
    private final RefreshWatcher refreshes;
    private final RedisMemory redisMemory;
    private final long periodMillis;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "router-controller");
        thread.setDaemon(true);
        return thread;
    });

    RouterScheduler(
            Routing routing,
            ExperimentController controller,
            RefreshWatcher refreshes,
            RedisMemory redisMemory,
            RouterConfig config) {
        this.routing = routing;
        this.controller = controller;
        this.refreshes = refreshes;
        this.redisMemory = redisMemory;
        this.periodMillis = config.experiment().refreshInterval().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        executor.scheduleWithFixedDelay(this::runOnce, 0, periodMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::sampleRedisMemory, 0, 60, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        try {
            controller.release();
        } catch (RuntimeException e) {
            LOG.debugf("Could not release the controller lease: %s", e.getMessage());
        }
    }

    private void runOnce() {
        try {
            RolloutState state = routing.refresh();
            controller.tick(state);
            if (state != null && controller.isLeader()) {
                refreshes.tick(state);
            }
        } catch (RuntimeException e) {
            LOG.warnf("The controller tick failed and will be retried: %s", e.toString());
        }
    }

    private void sampleRedisMemory() {
        try {
            redisMemory.sample();
        } catch (RuntimeException e) {
            LOG.debugf("Could not read Redis's memory (the gauges keep the last sample): %s", e.toString());
        }
    }
}
