package io.autoloop.retrainer.messaging;

import io.autoloop.contracts.FieldError;
import io.autoloop.contracts.RejectedRecord;
import io.autoloop.retrainer.config.RetrainerConfig;
import io.autoloop.retrainer.domain.GateReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Every dead letter the retrainer writes: consumes a record of {@code training.samples} the trainer will not learn,
 * with the reason in one sentence, and produces a {@link RejectedRecord} on {@code feedback.rejected} (keyed by the
 * model name, source {@code retrainer}) and a warning in the log. {@link TrainerEvents#flush()} before each checkpoint
 * makes sure they are stored before the checkpoint moves past their records.
 */
@ApplicationScoped
public class DeadLetters {

    /** The reason of a record that is not a valid {@code LabelledSample}. */
    public static final String MALFORMED_SAMPLE = "malformed-sample";

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

    /** Dead-letters {@code record}, which is not a valid sample because of {@code problem}. */
    public void malformed(ConsumerRecord<byte[], byte[]> record, String problem) {
        RejectedRecord letter = malformedSample(record, problem, clock.instant());
        events.deadLetter(model, letter);
        LOG.warnf(
                "Skipped the malformed record %s-%d@%d: %s",
                record.topic(),
                record.partition(),
                record.offset(),
                letter.errors().get(0).message());
    }

    /**
     * The dead letter of a record that is not a valid sample: its one error names the record
     * ({@code topic-partition@offset}) and says why (a generic sentence when {@code problem} is blank), and its payload
     * is the record's value as text, cut at {@link #MAX_PAYLOAD} characters (none for a tombstone).
     */
    static RejectedRecord malformedSample(ConsumerRecord<byte[], byte[]> record, String problem, Instant at) {
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        if (payload != null && payload.length() > MAX_PAYLOAD) {
            payload = payload.substring(0, MAX_PAYLOAD);
        }
        String message = problem == null || problem.isBlank() ? "The record is not a valid LabelledSample." : problem;
        return new RejectedRecord(
                RejectedRecord.SCHEMA_VERSION,
                GateReport.SERVICE,
                null,
                MALFORMED_SAMPLE,
                List.of(new FieldError(record.topic() + "-" + record.partition() + "@" + record.offset(), message)),
                payload,
                at);
    }
}
