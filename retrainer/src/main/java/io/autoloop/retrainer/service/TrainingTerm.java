package io.autoloop.retrainer.service;

import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateDecision;
import io.autoloop.retrainer.domain.LineageTrainers;
import io.autoloop.retrainer.domain.PublishSchedule;
import io.autoloop.retrainer.domain.TermSchedule;
import io.autoloop.retrainer.domain.TermSchedule.Task;
import io.autoloop.retrainer.messaging.SampleConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One term of this instance as the active trainer, on the training thread: consumes {@code training.samples} from the
 * checkpointed offsets into the {@link LineageTrainers} of the model's active lineages and their search of shadows
 * (through the {@link SampleIntake}) and produces candidates of each lineage (through the {@link CandidateGate}), the
 * search's audit trail and graduated lineages (through the {@link SearchService}), checkpoints and health reports
 * (through the {@link LeaseTerm}), each on its {@link TermSchedule} timer, until it is stopped or loses the lease. With the champion it reads the lineages again: a new one starts training from the next record, a retired
 * one stops. At the end of a stopped term it writes a final checkpoint.
 *
 * <p>A failure is thrown to the {@link TrainingLoop}, which starts a new term from the last checkpoint; a failure of
 * the trainer's step on one record ({@link RecordFailedException}) also counts towards quarantining that record.
 */
@ApplicationScoped
public class TrainingTerm {

    private static final Logger LOG = Logger.getLogger(TrainingTerm.class);
    private static final Duration STATUS_EVERY = Duration.ofSeconds(1);
    private static final Duration PARTITIONS_EVERY = Duration.ofSeconds(30);

    private final RetrainerConfig config;
    private final LeaseTerm lease;
    private final TrainerLoader loader;
    private final CandidateGate candidates;
    private final SampleIntake intake;
    private final SearchService search;
    private final Clock clock = Clock.systemUTC();

    private volatile SampleConsumer consumer;

    public TrainingTerm(
            RetrainerConfig config,
            LeaseTerm lease,
            TrainerLoader loader,
            CandidateGate candidates,
            SampleIntake intake,
            SearchService search) {
        this.config = config;
        this.lease = lease;
        this.loader = loader;
        this.candidates = candidates;
        this.intake = intake;
        this.search = search;
    }

    /**
     * Runs one term: restores the trainer, brings the registry level with it, then consumes, publishes and
     * checkpoints while {@code running} and the lease holds.
     *
     * @param running whether the service still runs; checked after every poll
     * @param training called once the term is set up and reads the topic
     */
    void run(BooleanSupplier running, Runnable training) {
        // Each step of the setup may be slow on a cold JVM: the lease is renewed between them.
        LineageTrainers trainers = loader.load();
        search.afterRecords(trainers, clock.instant());
        if (!lease.renew()) {
            return;
        }
        candidates.catchUp(trainers, clock.instant());
        if (!lease.renew()) {
            return;
        }
        candidates.followServed(trainers);
        if (!lease.renew()) {
            return;
        }
        try (SampleConsumer source = new SampleConsumer(config)) {
            consumer = source;
            if (!running.getAsBoolean()) {
                return;
            }
            source.assign(trainers.offsets());
            if (!lease.renew()) {
                return;
            }
            training.run();
            if (consume(source, trainers, running) && lease.checkpoint(trainers)) {
                LOG.infof(
                        "Stopped training model %s at offsets %s; final checkpoint written",
                        config.modelName(), trainers.offsets());
            }
        } finally {
            consumer = null;
        }
    }

    /** Makes a poll of the running term return at once, so that it sees it is stopped. */
    void wakeup() {
        SampleConsumer current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /**
     * The loop of the term: poll, take the records, then whatever is due.
     *
     * @return true when the service stopped, false when the lease was lost
     */
    private boolean consume(SampleConsumer source, LineageTrainers trainers, BooleanSupplier running) {
        Instant start = clock.instant();
        TermSchedule timers = new TermSchedule(
                Map.of(
                        Task.RENEW_LEASE, lease.renewEvery(),
                        Task.REFRESH_CHAMPION, config.championRefresh(),
                        Task.ASSIGN_PARTITIONS, PARTITIONS_EVERY,
                        Task.CHECKPOINT, config.checkpoint().every(),
                        Task.REPORT_STATUS, STATUS_EVERY,
                        Task.REPORT_HEALTH, config.alert().reportEvery()),
                start);
        Map<String, PublishSchedule> publishing = new HashMap<>();
        while (running.getAsBoolean()) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = source.poll();
            } catch (WakeupException e) {
                continue;
            }
            intake.takeAll(records, trainers);
            Instant now = clock.instant();
            if (search.afterRecords(trainers, now)) {
                // A shadow graduated: its lineage is registered, and its trainer takes the shadow's learner now.
                loader.followLineages(trainers);
                candidates.followServed(trainers);
            }
            if (timers.due(Task.RENEW_LEASE, now)) {
                if (!lease.renew()) {
                    return false;
                }
                timers.done(Task.RENEW_LEASE, now);
            }
            if (timers.due(Task.REFRESH_CHAMPION, now)) {
                loader.followLineages(trainers);
                candidates.followServed(trainers);
                timers.done(Task.REFRESH_CHAMPION, now);
            }
            if (timers.due(Task.ASSIGN_PARTITIONS, now)) {
                source.assign(trainers.offsets());
                timers.done(Task.ASSIGN_PARTITIONS, now);
            }
            List<GateDecision> decisions = candidates.judgeDue(trainers, publishing, now);
            if (decisions.stream().anyMatch(GateDecision::published)) {
                // Every publish wrote a checkpoint with the model, and may have made a new champion.
                timers.done(Task.CHECKPOINT, now);
                candidates.followServed(trainers);
            }
            if (timers.due(Task.CHECKPOINT, now)) {
                if (!lease.checkpoint(trainers)) {
                    return false;
                }
                timers.done(Task.CHECKPOINT, now);
            }
            if (timers.due(Task.REPORT_STATUS, now)) {
                lease.reportActive(
                        trainers, now, timers.lastDone(Task.CHECKPOINT).orElse(null), source.lags());
                timers.done(Task.REPORT_STATUS, now);
            }
            if (timers.due(Task.REPORT_HEALTH, now)) {
                if (!lease.reportHealth(now)) {
                    return false;
                }
                timers.done(Task.REPORT_HEALTH, now);
            }
        }
        return true;
    }
}
