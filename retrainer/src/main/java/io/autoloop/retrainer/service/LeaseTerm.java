package io.autoloop.retrainer.service;

import io.autoloop.contracts.TrainerHealth;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.CheckpointStore;
import io.autoloop.retrainer.repository.TrainerHealthStore;
import io.autoloop.retrainer.repository.TrainerLease;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * This instance's standing as the trainer of the model: consumes the {@link TrainerLease} and the trainer's state, and
 * produces its terms as the lease holder (the lease acquired, renewed, released), the checkpoints and health reports
 * written in a term (fenced by the lease, so an instance that lost it cannot overwrite its successor's), and the role
 * {@code GET /v1/models} shows ({@code standby}, {@code active}, {@code failing}, {@code stopped}).
 */
@ApplicationScoped
public class LeaseTerm {

    private static final Logger LOG = Logger.getLogger(LeaseTerm.class);

    private final TrainerLease lease;
    private final CheckpointStore checkpoints;
    private final TrainerHealthStore health;
    private final TrainerEvents events;
    private final TrainerMonitor monitor;
    private final String model;
    private final Clock clock = Clock.systemUTC();

    public LeaseTerm(
            TrainerLease lease,
            CheckpointStore checkpoints,
            TrainerHealthStore health,
            TrainerEvents events,
            TrainerMonitor monitor) {
        this.lease = lease;
        this.checkpoints = checkpoints;
        this.health = health;
        this.events = events;
        this.monitor = monitor;
        this.model = lease.model();
    }

    /** Takes the lease, or extends it when this instance holds it; without it this instance is a standby. */
    boolean acquire() {
        if (lease.acquire()) {
            LOG.infof("Instance %s is the active trainer of model %s", lease.holder(), model);
            return true;
        }
        monitor.standby(lease.holder(), lease.currentHolder().orElse(null));
        return false;
    }

    /** How often the holder renews the lease, and a standby tries to take it: a third of its time-to-live. */
    Duration renewEvery() {
        return lease.ttl().dividedBy(3);
    }

    /** Renews the lease; false (logged) when another instance holds it now. */
    boolean renew() {
        if (lease.renew()) {
            return true;
        }
        LOG.warnf(
                "Instance %s lost the trainer lease of model %s; it goes back to waiting for it",
                lease.holder(), model);
        return false;
    }

    /**
     * Saves every lineage's trainer state with the offsets, once every audit entry and dead letter sent so far is stored; the
     * write is timed ({@code autoloop.checkpoint.duration}).
     *
     * @return false (logged) when the lease is lost: nothing was written
     */
    boolean checkpoint(LineageTrainers trainers) {
        events.flush();
        byte[] bytes = trainers.checkpoint(clock.instant());
        boolean written = monitor.checkpoints().record(() -> checkpoints.write(lease, bytes));
        if (!written) {
            LOG.warnf("Instance %s lost the trainer lease of model %s before a checkpoint", lease.holder(), model);
        }
        return written;
    }

    /**
     * Shows this instance as the active trainer, with the trainers' counts and metrics.
     *
     * @param lags records waiting beyond the consumer's position per partition, for the partitions it knows
     */
    void reportActive(LineageTrainers trainers, Instant now, Instant lastCheckpointAt, Map<String, Long> lags) {
        monitor.active(lease.holder(), trainers, now, lastCheckpointAt, lags);
    }

    /**
     * Writes the health of training for the router's dashboard, if this instance still holds the lease and trains.
     *
     * @return false (logged) when the lease is lost: nothing was written
     */
    boolean reportHealth(Instant now) {
        Optional<TrainerHealth> report = monitor.health(now);
        if (report.isEmpty() || health.write(lease, report.get())) {
            return true;
        }
        LOG.warnf("Instance %s lost the trainer lease of model %s before a health report", lease.holder(), model);
        return false;
    }

    /**
     * Shows this instance as failing with {@code failure}, and tells the router's dashboard at once if it still holds
     * the lease; a report that cannot be written (Redis away, most likely the failure itself) is only logged.
     */
    void reportFailing(RuntimeException failure) {
        monitor.failing(lease.holder(), failure);
        try {
            monitor.health(clock.instant()).ifPresent(report -> health.write(lease, report));
        } catch (RuntimeException e) {
            LOG.debugf("Could not report the failure of model %s to the router: %s", model, e.getMessage());
        }
    }

    /** Gives the lease up if this instance holds it, so a standby takes over at once, and shows it as stopped. */
    void release() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the trainer lease of model %s: %s", model, e.getMessage());
        }
        monitor.stopped(lease.holder());
    }
}
