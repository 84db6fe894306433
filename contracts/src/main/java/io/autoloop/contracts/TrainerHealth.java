package io.autoloop.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * How the training of a model is going, as its active retrainer reports it every few seconds in Redis
 * ({@link RedisKeys#trainerHealth}) for the ab-router's dashboard: whether samples are being learned, and the numbers
 * behind it. A report whose {@code staleAt} has passed says nothing any more: its writer stopped reporting.
 *
 * @param model the model name
 * @param instance the retrainer instance that wrote it (the trainer lease's holder)
 * @param state healthy, stalled or failing
 * @param detail one sentence saying why the state is not healthy; null when it is
 * @param at when it was written
 * @param staleAt when it goes stale: the writer writes the next report well before, so a reader that sees this instant
 *     passed knows the trainer stopped reporting
 * @param lastLearnedAt when the writer last learned a sample it had not learned before, null before the first
 * @param samplesSeen samples the learner has learned
 * @param lag records on the samples topic beyond the consumed offsets, as last measured (0 when unknown)
 * @param nonFiniteUpdates samples the learner refused because they would have made its state non-finite
 * @param quarantined records skipped because the training loop failed on each of them twice
 */
public record TrainerHealth(
        int schemaVersion,
        String model,
        String instance,
        State state,
        String detail,
        Instant at,
        Instant staleAt,
        Instant lastLearnedAt,
        long samplesSeen,
        long lag,
        long nonFiniteUpdates,
        long quarantined) {

    public static final int SCHEMA_VERSION = 1;
    private static final String NAME = "TrainerHealth";

    public TrainerHealth {
        schemaVersion = Require.schemaVersion(schemaVersion, SCHEMA_VERSION, NAME);
        Require.text(model, NAME, "model");
        Require.text(instance, NAME, "instance");
        Require.present(state, NAME, "state");
        Require.present(at, NAME, "at");
        Require.present(staleAt, NAME, "staleAt");
        Require.nonNegative(samplesSeen, NAME, "samplesSeen");
        Require.nonNegative(lag, NAME, "lag");
        Require.nonNegative(nonFiniteUpdates, NAME, "nonFiniteUpdates");
        Require.nonNegative(quarantined, NAME, "quarantined");
        if (state != State.HEALTHY) {
            Require.text(detail, NAME, "detail");
        }
    }

    /** Whether this report has gone stale at {@code now}: its writer has not written the next one in time. */
    public boolean isStale(Instant now) {
        return !now.isBefore(staleAt);
    }

    /** The state of a model's training; written in lower case on the wire. */
    public enum State {
        /** Samples are learned as they arrive, or none arrive. */
        HEALTHY,
        /** Samples arrive (or wait on the topic) but none has been learned for the retrainer's stall time. */
        STALLED,
        /** The training loop failed and is starting over from its last checkpoint. */
        FAILING;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /** The lower-case wire name, e.g. {@code stalled}. */
        @JsonValue
        public String wireName() {
            return wireName;
        }

        /** Parses a wire name, throwing a sentence for anything but healthy, stalled or failing. */
        @JsonCreator
        public static State fromWire(String name) {
            for (State state : values()) {
                if (state.wireName().equals(name)) {
                    return state;
                }
            }
            throw new IllegalArgumentException(
                    "Trainer state '" + name + "' is unknown; use healthy, stalled or failing.");
        }
    }
}
