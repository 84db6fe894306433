package io.autoloop.router.service.model;

import io.autoloop.router.config.RouterConfig;
import io.autoloop.router.domain.rollout.Experiment;
import io.autoloop.router.repository.ExperimentRepository;
import io.autoloop.router.repository.ModelRegistry;
import io.autoloop.router.repository.RolloutState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Follows the model's aliases and running experiment in Redis and keeps the {@link RoutingTable} every ranking request
 * reads: asks the {@link ModelLoader} for the versions it needs and swaps a new table in once they are verified. When
 * Redis cannot be read, the last table keeps serving; a new champion, or a refreshed challenger of the same
 * experiment, replaces the old one only once it is loaded. It also keeps loaded the waiting candidate (a refresh
 * swaps in at once) and the version each refresh watch would revert to (a revert swaps back at once).
 */
@ApplicationScoped
public class Routing {

    private static final Logger LOG = Logger.getLogger(Routing.class);

    private final ExperimentRepository experiments;
    private final ModelRegistry registry;
    private final ModelStore store;
    private final ModelLoader loader;
    private final String model;
    private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);
    private final Counter failures;
    private volatile boolean failing;

    public Routing(
            ExperimentRepository experiments,
            ModelRegistry registry,
            ModelStore store,
            ModelLoader loader,
            RouterConfig config,
            MeterRegistry meters) {
        this.experiments = experiments;
        this.registry = registry;
        this.store = store;
        this.loader = loader;
        this.model = config.modelName();
        this.failures = meters.counter("autoloop.routing.refresh.failures");
        meters.gauge("autoloop.routing.challenger.buckets", table, t -> t.get().challengerBuckets());
    }

    /** The table to route with now. */
    public RoutingTable current() {
        return table.get();
    }

    /**
     * Reads the rollout state and swaps in the table it implies; returns the state read, or null when Redis could
     * not be read (the current table stays).
     */
    public RolloutState refresh() {
        RolloutState state;
        String champion;
        try {
            state = experiments.state(model);
            champion = state.champion() != null
                    ? state.champion()
                    : registry.newestVersion(model).orElse(null);
        } catch (RuntimeException e) {
            failures.increment();
            if (!failing) {
                LOG.warnf("Cannot read the rollout state of %s; serving the last loaded models: %s", model, e);
                failing = true;
            }
            return null;
        }
        if (failing) {
            LOG.infof("Reading the rollout state of %s again.", model);
            failing = false;
        }
        Set<String> standby = new HashSet<>();
        state.candidates().values().forEach(candidate -> standby.add(candidate.version()));
        state.watches().values().forEach(watch -> standby.add(watch.previous()));
        apply(champion, state.running(), standby);
        return state;
    }

    private void apply(String champion, Experiment running, Set<String> standby) {
        loader.request(champion, null);
        if (running != null && !running.phase().isTerminal()) {
            loader.request(running.challenger(), null);
        }
        standby.forEach(version -> loader.request(version, null));
        RoutingTable previous = table.get();
        LoadedModel championModel = store.get(champion).orElse(previous.champion());
        LoadedModel challengerModel = null;
        RoutingTable next;
        if (running != null && running.phase().servesChallenger()) {
            challengerModel = store.get(running.challenger())
                    .orElse(running.id().equals(previous.experimentId()) ? previous.challenger() : null);
            next = new RoutingTable(
                    championModel, running.id(), running.seed(), running.challengerBuckets(), challengerModel);
        } else {
            next = new RoutingTable(championModel, null, null, 0, null);
        }
        table.set(next);
        Set<String> keep = new HashSet<>(standby);
        keep.add(champion);
        if (championModel != null) {
            keep.add(championModel.version());
        }
        if (challengerModel != null) {
            keep.add(challengerModel.version());
        }
        if (running != null && !running.phase().isTerminal()) {
            keep.add(running.challenger());
        }
        keep.remove(null);
        store.retain(keep);
    }
}
