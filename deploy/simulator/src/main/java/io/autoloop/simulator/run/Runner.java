package io.autoloop.simulator.run;

import io.autoloop.simulator.http.CollectorClient;
import io.autoloop.simulator.http.ExperimentClient;
import io.autoloop.simulator.http.ExperimentStatus;
import io.autoloop.simulator.http.JsonHttp;
import io.autoloop.simulator.http.RankOutcome;
import io.autoloop.simulator.http.RankResponse;
import io.autoloop.simulator.http.RouterClient;
import io.autoloop.simulator.http.Targets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs {@link Traffic} against the ab-router and the feedback-collector: dispatches ranking requests at the paced
 * rate ({@link Pacing}) to a pool of {@code threads}, turns each ranking into the traffic's events (and, when the
 * traffic knows the true click model, values it against the oracle ranking), schedules each event for its delay,
 * sends due events in batches ({@link EventBatcher}), reads the router's experiment every {@code experimentEvery},
 * shows a progress line every {@code progressEvery}, and prints the summary at the end.
 *
 * <p>The run ends when the traffic is exhausted, after {@code duration}, after {@code maxRequests}, on
 * {@link #stop()} (Ctrl-C), or when a service refuses the API key. Ending: no new requests; requests in flight finish
 * (up to 20 s); feedback still waiting for its delay is sent at once; queued events are sent (up to 30 s); then the
 * summary.
 */
public final class Runner {

    private static final Duration WORKERS_GRACE = Duration.ofSeconds(20);
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(30);
    /** Most events waiting to be sent; beyond, events are dropped and counted. */
    private static final int EVENT_CAPACITY = 200_000;

    private final RunSettings settings;
    private final Targets targets;
    private final Console console;
    private final Clock clock;
    private final JsonHttp http;
    private final Tally tally = new Tally();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    public Runner(RunSettings settings, Targets targets, Console console, Clock clock, JsonHttp http) {
        this.settings = settings;
        this.targets = targets;
        this.console = console;
        this.clock = clock;
        this.http = http;
    }

    /**
     * Runs the traffic to its end and prints the summary headed by {@code title}; returns the final counts.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Tally.Snapshot run(String title, Traffic traffic) throws InterruptedException {
        RouterClient router = new RouterClient(http, targets);
        ExperimentClient experiments = new ExperimentClient(http, targets, settings.model());
        EventBatcher batcher = new EventBatcher(
                new CollectorClient(http, targets, clock),
                tally,
                settings.batchSize(),
                settings.linger(),
                Math.max(1, Math.min(4, settings.threads() / 2)),
                EVENT_CAPACITY);
        ExecutorService workers = Executors.newFixedThreadPool(settings.threads(), daemon("simulator-rank"));
        FeedbackSchedule followUps = new FeedbackSchedule(clock, batcher::offer);
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, daemon("simulator-ticker"));
        AtomicReference<ExperimentStatus> experiment = new AtomicReference<>();
        long start = System.nanoTime();
        try {
            batcher.start();
            ticker.scheduleWithFixedDelay(
                    () -> readExperiment(experiments, experiment),
                    0,
                    settings.experimentEvery().toMillis(),
                    TimeUnit.MILLISECONDS);
            ticker.scheduleAtFixedRate(
                    () -> console.progress(ProgressLine.line(
                            tally.snapshot(), experiment.get(), Duration.ofNanos(System.nanoTime() - start))),
                    settings.progressEvery().toMillis(),
                    settings.progressEvery().toMillis(),
                    TimeUnit.MILLISECONDS);
            dispatch(traffic, start, workers, job -> visit(router, job, followUps, start));
        } finally {
            try {
                workers.shutdown();
                if (!workers.awaitTermination(WORKERS_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    workers.shutdownNow();
                    workers.awaitTermination(2, TimeUnit.SECONDS);
                }
                followUps.flush(); // feedback still waiting for its delay is due now
                batcher.drain(DRAIN_GRACE);
                ticker.shutdownNow();
                ticker.awaitTermination(2, TimeUnit.SECONDS);
                console.lines(ProgressLine.summary(
                        title, tally.snapshot(), experiment.get(), Duration.ofNanos(System.nanoTime() - start)));
            } finally {
                finished.countDown();
            }
        }
        return tally.snapshot();
    }

    /** Asks the run to end (from a shutdown hook); the run then finishes as described in the class comment. */
    public void stop() {
        stopping = true;
    }

    /** Waits until the run has printed its summary; true when it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void dispatch(Traffic traffic, long start, ExecutorService workers, Consumer<Traffic.Planned> visit)
            throws InterruptedException {
        Pacing pacing = new Pacing(settings.rate(), settings.speed());
        long deadline = settings.duration() == null
                ? Long.MAX_VALUE
                : settings.duration().toNanos();
        Semaphore inFlight = new Semaphore(settings.threads());
        for (long index = 0; ; index++) {
            if (settings.maxRequests() > 0 && index >= settings.maxRequests()) {
                return;
            }
            Optional<Traffic.Planned> next = traffic.next(index);
            if (next.isEmpty()) {
                return;
            }
            long due = pacing.next(next.get().logOffset(), System.nanoTime() - start);
            if (due >= deadline || !waitUntil(start + due)) {
                return;
            }
            while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (shouldStop() || System.nanoTime() - start >= deadline) {
                    return;
                }
            }
            tally.rankSent();
            Traffic.Planned job = next.get();
            workers.execute(() -> {
                try {
                    visit.accept(job);
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    /** Parks until {@code nanoTime} is reached; false when the run should stop first. */
    private boolean waitUntil(long nanoTime) {
        while (true) {
            if (shouldStop()) {
                return false;
            }
            long wait = nanoTime - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            if (Thread.interrupted()) {
                stopping = true;
            }
        }
    }

    private boolean shouldStop() {
        return stopping || tally.fatal() != null;
    }

    private void visit(RouterClient router, Traffic.Planned job, FeedbackSchedule followUps, long start) {
        RankOutcome outcome;
        try {
            outcome = router.rank(job.request());
        } catch (InterruptedException e) {
            outcome = new RankOutcome.Unavailable("the run ended before the router answered", 0);
            Thread.currentThread().interrupt();
        }
        tally.rankOutcome(outcome);
        if (outcome instanceof RankOutcome.Refused refused && (refused.status() == 401 || refused.status() == 403)) {
            tally.fatal("The ab-router refused the API key (" + refused.detail() + "); check --key.");
        }
        if (!(outcome instanceof RankOutcome.Ranked ranked)) {
            return;
        }
        RankResponse response = ranked.response();
        if (job.truth() != null) {
            tally.valued(
                    Duration.ofNanos(System.nanoTime() - start),
                    job.truth().value(response.shownItemIds()),
                    response.explored());
        }
        for (Traffic.PlannedEvent planned : job.reaction().to(response)) {
            tally.planned(planned.event().type(), response);
            followUps.at(planned.delay(), planned.event());
        }
    }

    private static void readExperiment(ExperimentClient experiments, AtomicReference<ExperimentStatus> experiment) {
        try {
            experiments.current().ifPresent(experiment::set);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // best effort: an answer the simulator cannot read leaves the last status shown
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
