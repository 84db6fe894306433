package io.autoloop.simulator.run;

import io.autoloop.simulator.http.BatchOutcome;
import io.autoloop.simulator.http.CollectorClient;
import io.autoloop.simulator.http.EventInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Collects due events and sends them to the feedback-collector in batches: a batch leaves when it holds
 * {@code batchSize} events or {@code linger} after its first event, whichever comes first. {@code senders} threads
 * send (and retry) batches in parallel. At most {@code capacity} events wait; more are dropped and counted, so a
 * collector that stays down cannot exhaust memory. Every event ends up counted in the {@link Tally}.
 */
final class EventBatcher {

    private static final long IDLE_POLL_MILLIS = 50;

    private final CollectorClient collector;
    private final Tally tally;
    private final int batchSize;
    private final long lingerNanos;
    private final BlockingQueue<EventInput> queue;
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean closing;
    private volatile boolean closed;

    EventBatcher(CollectorClient collector, Tally tally, int batchSize, Duration linger, int senders, int capacity) {
        if (batchSize < 1 || batchSize > CollectorClient.MAX_BATCH) {
            throw new IllegalArgumentException("The batch size must be 1 to " + CollectorClient.MAX_BATCH
                    + " events, but it is " + batchSize + ".");
        }
        this.collector = collector;
        this.tally = tally;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.queue = new LinkedBlockingQueue<>(capacity);
        for (int i = 0; i < senders; i++) {
            Thread sender = new Thread(this::sendLoop, "simulator-sender-" + i);
            sender.setDaemon(true);
            this.senders.add(sender);
        }
    }

    void start() {
        senders.forEach(Thread::start);
    }

    /**
     * Queues a due event (its timestamp set); drops and counts it when the queue is full, and counts it as failed
     * once the batcher is drained.
     */
    void offer(EventInput event) {
        if (closed) {
            tally.unsent(1);
        } else if (queue.offer(event)) {
            tally.queued();
        } else {
            tally.dropped(1);
        }
    }

    /**
     * Sends what is queued and stops the senders; after {@code timeout} the senders are interrupted and whatever was
     * not sent is counted as failed.
     */
    void drain(Duration timeout) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread sender : senders) {
            sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (Thread sender : senders) {
            sender.interrupt();
        }
        for (Thread sender : senders) {
            sender.join(2_000);
        }
        closed = true;
        List<EventInput> left = new ArrayList<>();
        queue.drainTo(left);
        tally.unsent(left.size());
    }

    private void sendLoop() {
        List<EventInput> batch = new ArrayList<>(batchSize);
        try {
            while (true) {
                EventInput first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + lingerNanos;
                while (batch.size() < batchSize && !closing) {
                    EventInput next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                if (closing) {
                    queue.drainTo(batch, batchSize - batch.size());
                }
                BatchOutcome outcome = collector.send(List.copyOf(batch));
                batch.clear();
                tally.batch(outcome);
                if (outcome.unauthorized()) {
                    tally.fatal("The feedback-collector refused the API key ("
                            + outcome.problems().get(0) + "); check --key.");
                }
            }
        } catch (InterruptedException e) {
            tally.unsent(batch.size());
            Thread.currentThread().interrupt();
        }
    }
}
