package io.autoloop.retrainer.messaging;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateReport;
import io.autoloop.retrainer.domain.SampleOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Every dead letter the retrainer writes: consumes a record of {@code training.samples} the trainer will not learn,
 * with its {@link SampleOutcome} (whose dead-letter reason is {@code malformed-sample}, {@code non-finite-update} or
 * {@code quarantined}) and the problem in one sentence, and produces a {@link RejectedRecord} on
 * {@code feedback.rejected} (keyed by the model name, source {@code retrainer}) and a warning in the log.
 * {@link TrainerEvents#flush()} before each checkpoint makes sure they are stored before the checkpoint moves past
 * their records.
 */
@ApplicationScoped
public class DeadLetters {

    /** The longest payload a dead letter carries, in characters; longer ones are cut. */
    static final int MAX_PAYLOAD = 16 * 1024;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final TrainerEvents events;
    private final String model;
    private final Clock clock = Clock.systemUTC();

    public DeadLetters(TrainerEvents events, RetrainerConfig config) {
        this.events = events;
        this.model = config.modelName();
    }

    /**
     * Dead-letters {@code record}, which the trainer did not learn with {@code outcome} because of {@code problem}.
     *
     * @throws IllegalStateException for an outcome that is not dead-lettered
     */
    public void send(ConsumerRecord<byte[], byte[]> record, SampleOutcome outcome, String problem) {
        RejectedRecord letter = letter(record, outcome, problem, clock.instant());
        events.deadLetter(model, letter);
        LOG.warnf(
                "Skipped the record %s-%d@%d (%s): %s",
                record.topic(),
                record.partition(),
                record.offset(),
                letter.reason(),
                letter.errors().get(0).message());
    }

    /**
     * The dead letter of a record the trainer did not learn: its reason is the {@code outcome}'s, its one error names
     * the record ({@code topic-partition@offset}) and says why (a generic sentence when {@code problem} is blank), and
     * its payload is the record's value as text, cut at {@link #MAX_PAYLOAD} characters (none for a tombstone).
     */
    static RejectedRecord letter(
            ConsumerRecord<byte[], byte[]> record, SampleOutcome outcome, String problem, Instant at) {
        String reason = outcome.deadLetterReason();
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (payload != null && payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD);
        }
        String message = problem != null && !problem.isBlank()
                ? problem
                : outcome == SampleOutcome.MALFORMED
                        ? "The record is not a valid LabelledSample."
                        : "The record was not learned (" + reason + ").";
        return new RejectedRecord(
                RejectedRecord.SCHEMA_VERSION,
                GateReport.SERVICE,
                null,
                reason,
                List.of(new FieldError(record.topic() + "-" + record.partition() + "@" + record.offset(), message)),
                payload,
                at);
    }
}
