package io.autoloop.retrainer.service;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The retrainer's one training thread: consumes the service's start and stop and the admin's publish requests, and
 * produces the terms of this instance as the active trainer ({@link TrainingTerm}) whenever it holds the trainer lease
 * ({@link LeaseTerm}); without the lease it waits as a standby and tries again every third of the lease's
 * time-to-live.
 *
 * <p>A failure (Redis or Kafka away, a refused write) ends the term: the loop pauses {@code retry-backoff} and starts
 * over from the last checkpoint, so no sample is lost or learned twice. A record the trainer's step fails on twice is
 * quarantined by the {@link SampleIntake} (dead-lettered and skipped the next time it is read), so one record cannot
 * make the loop start over for ever. Started on {@link StartupEvent}; on
 * {@link ShutdownEvent} the term finishes the current batch and writes a final checkpoint, then the lease is released.
 */
@ApplicationScoped
public class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final RetrainerConfig config;
    private final LeaseTerm lease;
    private final TrainingTerm term;
    private final PublishRequests requests;
    private final TrainerMonitor monitor;
    private final CountDownLatch stopping = new CountDownLatch(1);

    private volatile boolean running;
    private int failures;
    private Thread thread;

    public TrainingLoop(
            RetrainerConfig config,
            LeaseTerm lease,
            TrainingTerm term,
            PublishRequests requests,
            TrainerMonitor monitor) {
        this.config = config;
        this.lease = lease;
        this.term = term;
        this.requests = requests;
        this.monitor = monitor;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "retrainer-" + config.modelName());
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopping.countDown();
        term.wakeup();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("The training loop of model %s did not stop within %s", config.modelName(), STOP_TIMEOUT);
        }
    }

    /**
     * Asks the training thread to judge a candidate now, whatever the schedule.
     *
     * @return the gate decision, once the training thread has taken it
     * @throws StandbyException when this instance is not the active trainer
     */
    public CompletableFuture<GateDecision> requestPublish(String actor) {
        if (!monitor.isActive()) {
            throw new StandbyException(config.modelName(), monitor.status().activeInstance());
        }
        return requests.add(actor);
    }

    private void run() {
        while (running) {
            try {
                if (lease.acquire()) {
                    term.run(() -> running, () -> failures = 0);
                } else {
                    pause(lease.renewEvery());
                }
            } catch (RuntimeException e) {
                requests.failAll(e);
                if (!running) {
                    break;
                }
                failures++;
                if (failures == 1) {
                    LOG.errorf(
                            e,
                            "The training loop of model %s failed; it starts over from the last checkpoint in %s",
                            config.modelName(),
                            config.retryBackoff());
                } else {
                    // The stack trace was logged with the first failure of this streak.
                    LOG.errorf(
                            "The training loop of model %s failed again (%d in a row): %s",
                            config.modelName(), failures, e.toString());
                }
                lease.reportFailing(e);
                pause(config.retryBackoff());
            }
        }
        requests.failAll(new StandbyException(config.modelName(), null));
        lease.release();
    }

    private void pause(Duration duration) {
        try {
            stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
