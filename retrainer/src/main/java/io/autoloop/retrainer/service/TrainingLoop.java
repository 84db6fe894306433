package io.autoloop.retrainer.service;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.LabelledSample;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.contracts.Topics;
import io.autoloop.contracts.json.JsonSerde;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.domain.PublishSchedule;
import io.autoloop.retrainer.domain.Trainer;
import io.autoloop.retrainer.domain.TrainerSettings;
import io.autoloop.retrainer.messaging.SampleConsumer;
import io.autoloop.retrainer.messaging.TrainerEvents;
import io.autoloop.retrainer.repository.CheckpointStore;
import io.autoloop.retrainer.repository.PublishedModels;
import io.autoloop.retrainer.repository.TrainerLease;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The retrainer's one training thread: while this instance holds the trainer lease, it consumes
 * {@code training.samples} record by record into the {@link Trainer}, judges candidates through the
 * {@link CandidateGate} when the {@link PublishSchedule} says one is due (or an admin forces one), and checkpoints the
 * trainer state with the consumed offsets every {@code checkpoint.every} and at every publish; without the lease it
 * waits as a standby.
 *
 * <p>A failure (Redis or Kafka away, a refused write) ends the term: the loop pauses and starts over from the last
 * checkpoint, so no sample is lost or learned twice. Started on {@link StartupEvent}; on {@link ShutdownEvent} it
 * finishes the current batch, writes a final checkpoint and releases the lease.
 */
@ApplicationScoped
public class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);
    private static final Duration PARTITIONS_EVERY = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DEAD_LETTER_PAYLOAD = 16 * 1024;

    private final RetrainerConfig config;
    private final TrainerLease lease;
    private final CheckpointStore checkpoints;
    private final CandidateGate candidates;
    private final PublishedModels models;
    private final PublishRequests requests;
    private final TrainerEvents events;
    private final TrainerMonitor monitor;
    private final TrainerSettings settings;
    private final JsonSerde<LabelledSample> samples = Topics.TRAINING_SAMPLES.serde();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Clock clock = Clock.systemUTC();

    private volatile boolean running;
    private int failures;
    private volatile SampleConsumer consumer;
    private Thread thread;

    public TrainingLoop(
            RetrainerConfig config,
            TrainerLease lease,
            CheckpointStore checkpoints,
            CandidateGate candidates,
            PublishedModels models,
            PublishRequests requests,
            TrainerEvents events,
            TrainerMonitor monitor,
            TrainerSettings settings) {
        this.config = config;
        this.lease = lease;
        this.checkpoints = checkpoints;
        this.candidates = candidates;
        this.models = models;
        this.requests = requests;
        this.events = events;
        this.monitor = monitor;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "retrainer-" + config.modelName());
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        stopping.countDown();
        SampleConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
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
                    LOG.infof("Instance %s is the active trainer of model %s", lease.holder(), config.modelName());
                    train();
                } else {
                    monitor.standby(lease.holder(), lease.currentHolder().orElse(null));
                    pause(lease.ttl().dividedBy(3));
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
                monitor.failing(lease.holder(), e);
                pause(config.retryBackoff());
            }
        }
        requests.failAll(new StandbyException(config.modelName(), null));
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warnf("Could not release the trainer lease of model %s: %s", config.modelName(), e.getMessage());
        }
        monitor.stopped(lease.holder());
    }

    /** One term as the active trainer: restore, consume, publish and checkpoint until stopped or the lease is lost. */
    private void train() {
        // Each step of the setup may be slow on a cold JVM: the lease is renewed between them.
        Trainer trainer = load();
        if (!keepLease()) {
            return;
        }
        candidates.catchUp(trainer, clock.instant());
        if (!keepLease()) {
            return;
        }
        candidates.followChampion(trainer);
        if (!keepLease()) {
            return;
        }
        Instant lastCheckpointAt = null;
        try (SampleConsumer source = new SampleConsumer(config)) {
            consumer = source;
            if (!running) {
                return;
            }
            source.assign(trainer.offsets());
            if (!keepLease()) {
                return;
            }
            failures = 0;
            Instant now = clock.instant();
            Duration renewEvery = lease.ttl().dividedBy(3);
            Instant nextRenew = now.plus(renewEvery);
            Instant nextChampion = now.plus(config.championRefresh());
            Instant nextCheckpoint = now.plus(config.checkpoint().every());
            Instant nextPartitions = now.plus(PARTITIONS_EVERY);
            PublishSchedule schedule = new PublishSchedule(
                    config.publish().everySamples(), config.publish().every(), now);
            Instant nextStatus = now;
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = source.poll();
                } catch (WakeupException e) {
                    continue;
                }
                process(records, trainer);
                now = clock.instant();
                if (!now.isBefore(nextRenew)) {
                    if (!keepLease()) {
                        return;
                    }
                    nextRenew = now.plus(renewEvery);
                }
                if (!now.isBefore(nextChampion)) {
                    candidates.followChampion(trainer);
                    nextChampion = now.plus(config.championRefresh());
                }
                if (!now.isBefore(nextPartitions)) {
                    source.assign(trainer.offsets());
                    nextPartitions = now.plus(PARTITIONS_EVERY);
                }
                List<GateDecision> decisions = candidates.judgeDue(trainer, schedule, now);
                if (decisions.stream().anyMatch(GateDecision::published)) {
                    // Every publish wrote a checkpoint with the model, and may have made a new champion.
                    lastCheckpointAt = now;
                    nextCheckpoint = now.plus(config.checkpoint().every());
                    candidates.followChampion(trainer);
                }
                if (!now.isBefore(nextCheckpoint)) {
                    if (!checkpoint(trainer)) {
                        return;
                    }
                    lastCheckpointAt = now;
                    nextCheckpoint = now.plus(config.checkpoint().every());
                }
                if (!now.isBefore(nextStatus)) {
                    monitor.active(lease.holder(), trainer, now, lastCheckpointAt);
                    nextStatus = now.plus(STATUS_EVERY);
                }
            }
            if (checkpoint(trainer)) {
                LOG.infof(
                        "Stopped training model %s after %d samples; final checkpoint written",
                        config.modelName(), trainer.samplesSeen());
            }
        } finally {
            consumer = null;
        }
    }

    /** Renews the lease; false (logged) when another instance holds it now. */
    private boolean keepLease() {
        if (lease.renew()) {
            return true;
        }
        LOG.warnf(
                "Instance %s lost the trainer lease of model %s; it goes back to waiting for it",
                lease.holder(), config.modelName());
        return false;
    }

    private Trainer load() {
        Optional<byte[]> saved = checkpoints.read();
        if (saved.isPresent()) {
            Trainer trainer = Trainer.restore(saved.get(), settings);
            trainer.restoreNotices().forEach(LOG::warn);
            LOG.infof(
                    "Resumed model %s from its checkpoint: %d samples trained, %d records consumed, last version %s",
                    config.modelName(), trainer.samplesSeen(), trainer.recordsConsumed(), trainer.lastVersion());
            return trainer;
        }
        Trainer trainer = Trainer.fresh(config.modelName(), settings);
        models.newest().ifPresent(newest -> {
            trainer.continueAfter(newest.version(), newest.specFingerprint());
            LOG.infof(
                    "Model %s has no checkpoint but versions up to %s: a fresh learner continues after it",
                    config.modelName(), newest.version());
        });
        return trainer;
    }

    private void process(ConsumerRecords<byte[], byte[]> records, Trainer trainer) {
        long trained = 0;
        long noConsent = 0;
        long malformed = 0;
        for (TopicPartition topicPartition : records.partitions()) {
            String partition = topicPartition.toString();
            for (ConsumerRecord<byte[], byte[]> record : records.records(topicPartition)) {
                LabelledSample sample;
                try {
                    sample = samples.deserialize(record.topic(), record.value());
                    if (sample == null) {
                        throw new IllegalArgumentException("The record has no value (a tombstone).");
                    }
                } catch (RuntimeException e) {
                    trainer.acceptMalformed(partition, record.offset(), e.getMessage());
                    deadLetter(record, e.getMessage());
                    malformed++;
                    continue;
                }
                switch (trainer.accept(partition, record.offset(), sample)) {
                    case TRAINED -> trained++;
                    case NO_CONSENT -> noConsent++;
                    case MALFORMED -> {
                        deadLetter(record, trainer.lastProblem());
                        malformed++;
                    }
                }
            }
        }
        monitor.counted(trained, noConsent, malformed);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String problem) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (payload != null && payload.length() > MAX_DEAD_LETTER_PAYLOAD) {
            payload = payload.substring(0, MAX_DEAD_LETTER_PAYLOAD);
        }
        String message = problem == null || problem.isBlank() ? "The record is not a valid LabelledSample." : problem;
        events.deadLetter(
                config.modelName(),
                new RejectedRecord(
                        RejectedRecord.SCHEMA_VERSION,
                        GateReport.SERVICE,
                        null,
                        "malformed-sample",
                        List.of(new FieldError(
                                record.topic() + "-" + record.partition() + "@" + record.offset(), message)),
                        payload,
                        clock.instant()));
        LOG.warnf(
                "Skipped the malformed record %s-%d@%d: %s",
                record.topic(), record.partition(), record.offset(), message);
    }

    /** Saves the trainer state; false when the lease is lost. */
    private boolean checkpoint(Trainer trainer) {
        events.flush();
        byte[] bytes = trainer.checkpoint(clock.instant());
        boolean written = monitor.checkpoints().record(() -> checkpoints.write(lease, bytes));
        if (!written) {
            LOG.warnf(
                    "Instance %s lost the trainer lease of model %s before a checkpoint",
                    lease.holder(), config.modelName());
        }
        return written;
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
